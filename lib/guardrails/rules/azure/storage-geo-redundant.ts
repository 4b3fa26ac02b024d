import { Rule, verdict } from '../../rule';

/** Storage account without geo-redundant replication. */
export const storageGeoRedundant: Rule = {
  id: 'AZ-ST-006',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account without geo-redundant replication",
  why: "Zone-redundant storage survives a zone, not a region; geo-redundancy keeps a copy in the paired region.",
  link: "https://learn.microsoft.com/azure/storage/common/storage-redundancy",
  check: (r) => verdict(['GRS', 'RAGRS', 'GZRS', 'RAGZRS'].includes(String(r.config.account_replication_type))),
};
