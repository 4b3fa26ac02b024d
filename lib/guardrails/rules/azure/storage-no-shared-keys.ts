import { Rule, verdict } from '../../rule';

/** Storage account accepting shared keys. */
export const storageNoSharedKeys: Rule = {
  id: 'AZ-ST-004',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account accepting shared keys",
  why: "Account keys grant everything and cannot be scoped or audited per caller; Entra ID can.",
  link: "https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent",
  check: (r) => verdict(r.config.shared_access_key_enabled === false),
};
