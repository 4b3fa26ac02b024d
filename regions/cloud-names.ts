import { azureArtifactoryCloudNames, awsArtifactoryCloudNames, aksClusterCloudNames, eksClusterCloudNames, clusterAutoscalerCloudNames, awsNetworkCloudNames, awsEdgeCloudNames, azureEdgeCloudNames, awsSecretReaderCloudNames, azureSecretReaderCloudNames, azureNetworkCloudNames } from '../lib/cloud/construct-names';
import { CloudName, cloudNameProblem, CLOUD_NAME_RULES } from '../lib/cloud/name-rules';

/*
 * Every name a catalogue entry gives a cloud resource, derived in one place: the stacks build their constructs with
 * these prefixes, the constructs derive the rest (their `…CloudNames` functions), and validation checks the same
 * names against each cloud's rules and for collisions across the catalogue — before anything is synthesized.
 */

/** What the stacks of one entry name things by. */
export interface EntryNames {
  /** `kore-<id>`: the network's name prefix. */
  readonly prefix: string;
  readonly clusterName: string;
  /** Prefix of the Artifactory backing's resources. */
  readonly artifactory: string;
  /** The Artifactory filestore's storage account (Azure): `kore<id without dashes>af`, never truncated. */
  readonly filestoreStorageAccount: string;
  /** The resource group of the AKS cluster (AksCluster names it `<cluster>-cluster`). */
  readonly aksResourceGroup: string;
  /** The resource group of the VNet and DNS zone (AzureNetwork names it `<prefix>-network`). */
  readonly networkResourceGroup: string;
  /** The External Secrets Operator's cloud identity (IAM role / managed identity). */
  readonly externalSecrets: string;
}

export function entryNames(entry: { readonly id: string }): EntryNames {
  const prefix = `kore-${entry.id}`;
  return {
    prefix,
    clusterName: prefix,
    artifactory: `${prefix}-artifactory`,
    filestoreStorageAccount: `kore${entry.id.replace(/-/g, '')}af`,
    aksResourceGroup: `${prefix}-cluster`,
    networkResourceGroup: `${prefix}-network`,
    externalSecrets: `${prefix}-external-secrets`,
  };
}

/** The cloud names of one entry, as its constructs will create them. */
export function cloudNamesOf(entry: { readonly id: string; readonly cloud: 'aws' | 'azure'; readonly artifactory?: unknown }): CloudName[] {
  const n = entryNames(entry);
  if (entry.cloud === 'aws') {
    return [
      ...awsNetworkCloudNames(n.prefix),
      ...eksClusterCloudNames(n.clusterName),
      ...clusterAutoscalerCloudNames(n.clusterName),
      ...awsSecretReaderCloudNames(n.externalSecrets),
      ...awsEdgeCloudNames(n.prefix),
      ...(entry.artifactory ? awsArtifactoryCloudNames(n.artifactory) : []),
    ];
  }
  return [
    ...azureNetworkCloudNames(n.prefix),
    ...aksClusterCloudNames(n.clusterName),
    ...azureEdgeCloudNames(n.prefix),
    ...(entry.artifactory ? [...azureArtifactoryCloudNames(n.artifactory, n.filestoreStorageAccount), ...azureSecretReaderCloudNames(n.externalSecrets)] : []),
  ];
}

/**
 * Where an entry's secrets live in Secrets Manager: `kore/<id>/…` for the region's own, `kore/artifactory/<id>/…`
 * for its Artifactory (its API token and the replication credentials its peers issued). The External Secrets
 * Operator may read these and nothing else.
 */
export function secretPrefixesOf(entry: { readonly id: string }): string[] {
  return [`kore/${entry.id}/`, `kore/artifactory/${entry.id}/`];
}

export { cloudNameProblem, CLOUD_NAME_RULES };

/** The role in the parent zone's account that answers ACME challenges of the global names (GlobalStack). */
export const ACME_CHALLENGE_ROLE = 'kore-acme-challenge';

/** The global names an entry serves, as host names (`artifactory.example.com`). */
export function globalHostnamesOf(catalogue: { readonly domain: string; readonly globalNames: Readonly<Record<string, { readonly regions: readonly string[] }>> }, entryId: string): string[] {
  return Object.entries(catalogue.globalNames)
    .filter(([, spec]) => spec.regions.includes(entryId))
    .map(([label]) => `${label}.${catalogue.domain}`);
}

/** The ACME challenge role's ARN, for an entry that serves a global name. */
export function acmeChallengeRoleArnOf(
  catalogue: { readonly domain: string; readonly global: { readonly account: string }; readonly globalNames: Readonly<Record<string, { readonly regions: readonly string[] }>> },
  entry: { readonly id: string },
): string | undefined {
  return globalHostnamesOf(catalogue, entry.id).length > 0 ? `arn:aws:iam::${catalogue.global.account}:role/${ACME_CHALLENGE_ROLE}` : undefined;
}
