/**
 * The public entry of the library: typed constructs for a multi-cloud Kubernetes platform on CDK for Terraform.
 * Everything a consumer composes stacks from is exported here; modules not listed (private helpers, the
 * guardrail rules one by one) may change without notice.
 */

// Network
export * from './network/network';
export * from './network/aws-network';
export * from './network/azure-network';

// Clusters
export * from './cluster/cluster';
export * from './cluster/eks-cluster';
export * from './cluster/eks-node-pool';
export * from './cluster/eks-access';
export * from './cluster/eks-cluster-lookup';
export * from './cluster/aks-cluster';
export * from './cluster/aks-cluster-lookup';
export { EKS_KUBERNETES_VERSIONS, AKS_KUBERNETES_VERSIONS } from './cluster/kubernetes-versions';

// DNS
export * from './dns/dns-zone';
export * from './dns/route53-dns-zone';
export * from './dns/azure-dns-zone';
export * from './dns/global-name';
export * from './dns/acme-challenge-role';

// The in-cluster platform and its edge
export * from './platform/cluster-providers';
export * from './platform/cluster-platform';
export * from './platform/platform-namespace';
export * from './platform/default-storage-class';
export * from './platform/argo-cd';
export * from './platform/external-secrets';
export * from './platform/manifests-release';
export * from './edge/cluster-edge';
export * from './edge/aws-cluster-edge';
export * from './edge/azure-cluster-edge';
export * from './edge/aws-edge-roles';
export * from './edge/azure-edge-identities';

// Artifactory
export * from './artifactory/artifactory-backing';
export * from './artifactory/aws-artifactory-backing';
export * from './artifactory/azure-artifactory-backing';
export * from './artifactory/artifactory-replica';
export { RegionReplication, ReplicationPeer } from './artifactory/replication-plan';
export { LICENSE_FEATURES, JfrogLicense, ReplicationRuleSpec } from './artifactory/replication';

// Secrets
export * from './secrets/secret-store';
export * from './secrets/aws-secret-reader-role';
export * from './secrets/azure-secret-reader-identity';

// Providers, state, adoption
export * from './providers/aws-provider';
export * from './providers/azure-provider';
export * from './state/state-spec';
export * from './state/remote-state';
export * from './state/aws-state-store';
export * from './state/azure-state-store';
export * from './adoption/adopt-resources';

// Rules shared with validation, and the guardrail pack
export * from './cloud/name-rules';
export * from './cloud/construct-names';
export { nodeSizeCheck, databaseSizeCheck } from './cloud/instance-types';
export { GUARDRAIL_PACK } from './guardrails/pack';
export { Rule, RuleLevel, RuleVerdict } from './guardrails/rule';
export { suppressGuardrails } from './guardrails/suppress';
export { GuardrailSuppression } from './guardrails/suppression';
export { evaluateGuardrails, Finding } from './guardrails/evaluate';
export { IVmService, VmServiceProps, VmImage, VmDataVolume, imageCloud, vmServiceProblems } from './vm/vm-service';
export { AwsVmService, AwsVmServiceProps } from './vm/aws-vm-service';
export { AzureVmService, AzureVmServiceProps } from './vm/azure-vm-service';
