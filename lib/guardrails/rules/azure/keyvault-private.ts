import { block, Rule, verdict } from '../../rule';

/** Key Vault reachable from all networks. */
export const keyvaultPrivate: Rule = {
  id: 'AZ-KV-003',
  level: 'error',
  appliesTo: ['azurerm_key_vault'],
  message: "Key Vault reachable from all networks",
  why: "A default Deny keeps the vault off the internet even with a valid token.",
  link: "https://learn.microsoft.com/azure/key-vault/general/network-security",
  check: (r) => verdict(r.config.public_network_access_enabled === false || block(r.config.network_acls)?.default_action === 'Deny'),
};
