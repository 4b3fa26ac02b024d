import { exposesInternet } from '../../exposure';
import { asList, block, Rule, verdict } from '../../rule';

/** Storage account accepting traffic from all networks. */
export const storageNetworkDeny: Rule = {
  id: 'AZ-ST-005',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account accepting traffic from all networks",
  why: "A default Deny with named networks keeps the account off the internet even with a valid token.",
  link: "https://learn.microsoft.com/azure/storage/common/storage-network-security",
  // Deny by default, and no allow-list that is the internet in disguise.
  check: (r) => {
    const rules = block(r.config.network_rules);
    if (r.config.public_network_access_enabled === false) return 'compliant';
    return verdict(rules?.default_action === 'Deny' && !exposesInternet(asList(rules.ip_rules).map((ip: string) => (ip.includes('/') ? ip : `${ip}/32`))));
  },
};
