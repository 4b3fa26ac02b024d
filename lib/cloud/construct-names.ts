import { createHash } from 'node:crypto';
import type { CloudName } from './name-rules';

/*
 * The cloud names each construct gives its resources, derived from its props: the constructs name their resources
 * with these, and the catalogue checks the same names (regions/cloud-names.ts) against each cloud's rules and for
 * collisions before anything is synthesized. Apart from the constructs on purpose: checking a catalogue must not load
 * the constructs and the provider bindings they import (a third of every command's start).
 */

/** The cloud names an AwsArtifactoryBacking gives its resources (checked by the catalogue before synth). */
export function awsArtifactoryCloudNames(name: string): CloudName[] {
  return [
    { kind: 'rds-instance', name: `${name}-db` },
    { kind: 's3-bucket', name: `${name}-filestore` },
    { kind: 'iam-role', name: `${name}-filestore` },
    { kind: 'iam-role', name: `${name}-db-monitoring` },
  ];
}

/** The cloud names an AzureArtifactoryBacking gives its resources (checked by the catalogue before synth). */
export function azureArtifactoryCloudNames(name: string, storageAccountName: string): CloudName[] {
  return [
    { kind: 'resource-group', name },
    { kind: 'postgres-flexible-server', name: `${name}-db` },
    { kind: 'managed-identity', name: `${name}-filestore` },
    { kind: 'storage-account', name: storageAccountName },
  ];
}

/** The cloud names an EksCluster gives its resources (checked by the catalogue before synth). */
export function eksClusterCloudNames(clusterName: string): CloudName[] {
  return [
    { kind: 'eks-cluster', name: clusterName },
    ...['cluster', 'node', 'ebs-csi'].map((suffix) => ({ kind: 'iam-role' as const, name: `${clusterName}-${suffix}` })),
  ];
}

/** The cloud names an AksCluster gives its resources (checked by the catalogue before synth). */
export function aksClusterCloudNames(clusterName: string): CloudName[] {
  return [
    { kind: 'aks-cluster', name: clusterName },
    { kind: 'resource-group', name: `${clusterName}-cluster` },
    { kind: 'resource-group', name: `${clusterName}-nodes` },
    { kind: 'log-analytics-workspace', name: `${clusterName}-logs` },
    { kind: 'managed-identity', name: `${clusterName}-control-plane` },
    { kind: 'key-vault', name: diskVaultName(clusterName) },
  ];
}

/**
 * The Key Vault holding the node-disk key: `<cluster>-disks`, or — where that passes Key Vault's 24 characters — the
 * cluster name cut short with a hash of the whole name, so a long region id never fails on this derived name.
 */
export function diskVaultName(clusterName: string): string {
  const plain = `${clusterName}-disks`;
  if (plain.length <= 24) return plain;
  const hash = createHash('sha256').update(clusterName).digest('hex').slice(0, 6);
  return `${clusterName.slice(0, 13).replace(/-+$/, '')}-dk-${hash}`;
}

/** The role name of a cluster's autoscaler. */
export function clusterAutoscalerCloudNames(clusterName: string): CloudName[] {
  return [{ kind: 'iam-role', name: `${clusterName}-cluster-autoscaler` }];
}

/** The cloud names an AwsNetwork gives its resources (checked by the catalogue before synth). */
export function awsNetworkCloudNames(name: string): CloudName[] {
  return [{ kind: 'iam-role', name: `${name}-flow-logs` }];
}

/** The cloud names an AzureNetwork gives its resources (checked by the catalogue before synth). */
export function azureNetworkCloudNames(name: string): CloudName[] {
  return [{ kind: 'resource-group', name: `${name}-network` }];
}

/** The cloud names AwsEdgeRoles creates. */
export function awsEdgeCloudNames(prefix: string): CloudName[] {
  return ['lb-controller', 'cert-manager', 'external-dns'].map((s) => ({ kind: 'iam-role' as const, name: `${prefix}-${s}` }));
}

/** The cloud names AzureEdgeIdentities creates. */
export function azureEdgeCloudNames(prefix: string): CloudName[] {
  return ['cert-manager', 'external-dns'].map((s) => ({ kind: 'managed-identity' as const, name: `${prefix}-${s}` }));
}

/** The cloud names an AwsSecretReaderRole creates. */
export function awsSecretReaderCloudNames(name: string): CloudName[] {
  return [{ kind: 'iam-role', name }];
}

/** The cloud names an AzureSecretReaderIdentity creates. */
export function azureSecretReaderCloudNames(name: string): CloudName[] {
  return [{ kind: 'managed-identity', name }];
}
