import { block, Rule, verdict } from '../../rule';

/** AKS cluster without a network policy engine. */
export const aksNetworkPolicy: Rule = {
  id: 'AZ-AKS-004',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster without a network policy engine",
  why: "Without a policy engine, NetworkPolicy objects are accepted and silently not enforced.",
  link: "https://learn.microsoft.com/azure/aks/use-network-policies",
  check: (r) => verdict(typeof block(r.config.network_profile)?.network_policy === 'string'),
};
