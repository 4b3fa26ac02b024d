import { Rule, verdict } from '../../rule';

/** Storage account accepting plain HTTP. */
export const storageHttpsOnly: Rule = {
  id: 'AZ-ST-002',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account accepting plain HTTP",
  why: "State and artifacts must never cross the network unencrypted.",
  link: "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
  check: (r) => verdict(r.config.https_traffic_only_enabled !== false),
};
