/**
 * Kubernetes minor versions each managed service supports (standard or extended support) with the provider
 * versions pinned in package.json. Update together with the providers: an entry outside this list fails validation
 * instead of failing hours later inside a Harness pipeline.
 */
export const EKS_KUBERNETES_VERSIONS: readonly string[] = ['1.29', '1.30', '1.31', '1.32', '1.33'];
export const AKS_KUBERNETES_VERSIONS: readonly string[] = ['1.30', '1.31', '1.32', '1.33'];
