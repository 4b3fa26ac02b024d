/**
 * Network rules every storage account here takes: deny by default, admit only the named subnets (through their
 * `Microsoft.Storage` service endpoint) and address ranges, and trusted Azure services (backup, monitoring).
 */
export function storageNetworkRules(allow: { readonly subnetIds?: readonly string[]; readonly ipRanges?: readonly string[] }) {
  return {
    defaultAction: 'Deny',
    bypass: ['AzureServices'],
    virtualNetworkSubnetIds: allow.subnetIds && allow.subnetIds.length > 0 ? [...allow.subnetIds] : undefined,
    // Storage firewall rules take addresses and ranges without /31 or /32 suffixes.
    ipRules: allow.ipRanges && allow.ipRanges.length > 0 ? allow.ipRanges.map((r) => r.replace(/\/3[12]$/, '')) : undefined,
  };
}

/**
 * The settings every storage account here shares: TLS 1.2 and HTTPS only, no public blobs, no shared keys (Entra ID
 * only), infrastructure encryption, zone-redundant. Spread into StorageAccount configs so that no account drifts
 * from the baseline by a forgotten flag.
 */
export const HARDENED_STORAGE_ACCOUNT = {
  accountTier: 'Standard',
  accountReplicationType: 'ZRS',
  minTlsVersion: 'TLS1_2',
  httpsTrafficOnlyEnabled: true,
  allowNestedItemsToBePublic: false,
  sharedAccessKeyEnabled: false,
  infrastructureEncryptionEnabled: true,
} as const;
