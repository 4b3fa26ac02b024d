import { block, Rule, verdict } from '../../rule';

/** AKS system pool that also runs application pods. */
export const aksSystemPoolDedicated: Rule = {
  id: 'AZ-AKS-009',
  level: 'warning',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS system pool that also runs application pods",
  why: "Critical add-ons (CoreDNS, konnectivity) must not be starved by workloads.",
  link: "https://learn.microsoft.com/azure/aks/use-system-pools",
  check: (r) => verdict(block(r.config.default_node_pool)?.only_critical_addons_enabled === true),
};
