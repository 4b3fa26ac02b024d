import { block, Rule, verdict } from '../../rule';

/** Storage account accepting traffic from all networks. */
export const storageNetworkDeny: Rule = {
  id: 'AZ-ST-005',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account accepting traffic from all networks",
  why: "A default Deny with named networks keeps the account off the internet even with a valid token.",
  link: "https://learn.microsoft.com/azure/storage/common/storage-network-security",
  check: (r) => verdict(r.config.public_network_access_enabled === false || block(r.config.network_rules)?.default_action === 'Deny'),
};
