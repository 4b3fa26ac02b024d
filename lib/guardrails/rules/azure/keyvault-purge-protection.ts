import { Rule, verdict } from '../../rule';

/** Key Vault without purge protection. */
export const keyvaultPurgeProtection: Rule = {
  id: 'AZ-KV-001',
  level: 'error',
  appliesTo: ['azurerm_key_vault'],
  message: "Key Vault without purge protection",
  why: "Purge protection keeps deleted secrets recoverable for the retention period, even from an administrator.",
  link: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
  check: (r) => verdict(r.config.purge_protection_enabled === true),
};
