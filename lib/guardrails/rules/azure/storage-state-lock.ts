import { Rule, verdict } from '../../rule';

/** Storage account holding Terraform state without a delete lock. */
export const storageStateLock: Rule = {
  id: 'AZ-ST-009',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account holding Terraform state without a delete lock",
  why: "A CanNotDelete lock keeps the only copy of the state from being deleted with its resource group.",
  link: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
  check: (r, view) => {
    const holdsState = view.referencing('azurerm_storage_container', r).some((c) => /tfstate/.test(String(c.config.name)));
    if (!holdsState) return 'not-applicable';
    return verdict(view.referencing('azurerm_management_lock', r).some((l) => l.config.lock_level === 'CanNotDelete'));
  },
};
