import { Rule, verdict } from '../../rule';

/** Key Vault using access policies instead of Azure RBAC. */
export const keyvaultRbac: Rule = {
  id: 'AZ-KV-002',
  level: 'error',
  appliesTo: ['azurerm_key_vault'],
  message: "Key Vault using access policies instead of Azure RBAC",
  why: "Azure RBAC scopes secret access per secret and shows it with every other role assignment.",
  link: "https://learn.microsoft.com/azure/key-vault/general/rbac-guide",
  check: (r) => verdict(r.config.enable_rbac_authorization === true || r.config.rbac_authorization_enabled === true),
};
