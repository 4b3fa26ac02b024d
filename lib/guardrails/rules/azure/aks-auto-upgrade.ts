import { Rule, verdict } from '../../rule';

/** AKS cluster without an automatic upgrade channel. */
export const aksAutoUpgrade: Rule = {
  id: 'AZ-AKS-008',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster without an automatic upgrade channel",
  why: "Patch versions carry CVE fixes; applying them automatically in a window keeps clusters current.",
  link: "https://learn.microsoft.com/azure/aks/auto-upgrade-cluster",
  check: (r) => verdict(typeof r.config.automatic_upgrade_channel === 'string' && r.config.automatic_upgrade_channel !== 'none'),
};
