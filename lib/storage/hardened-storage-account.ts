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
