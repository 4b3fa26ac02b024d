import type { AwsSandboxEndpoint } from '../lib/providers/aws-provider';
import { standardTags } from '../lib/private/naming';
import { entryNames } from '../regions/cloud-names';
import type { RegionEntry } from '../regions/schema';

/** The cluster's name in the cloud: both layers of a region agree on it (the platform looks the cluster up by it). */
export function clusterNameOf(entry: RegionEntry): string {
  return entryNames(entry).clusterName;
}

/** The resource group the AKS cluster lives in. */
export function aksResourceGroupOf(entry: RegionEntry): string {
  return entryNames(entry).aksResourceGroup;
}

/** The resource group of the region's VNet and DNS zone. */
export function azureNetworkResourceGroupOf(entry: RegionEntry): string {
  return entryNames(entry).networkResourceGroup;
}

/** Tags of every resource a region's stacks create. */
export function regionTags(entry: RegionEntry, stack: string): Record<string, string> {
  return standardTags(entry.tags, { environment: entry.environment, 'kore-region': entry.id, stack });
}

/** The emulator endpoint of a sandbox entry. */
export function sandboxOf(entry: RegionEntry): AwsSandboxEndpoint | undefined {
  return entry.sandbox ? { url: entry.sandbox.awsEndpoint } : undefined;
}
