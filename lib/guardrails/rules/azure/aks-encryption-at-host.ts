import { block, Rule, verdict } from '../../rule';

/** AKS node pool without encryption at host. */
export const aksEncryptionAtHost: Rule = {
  id: 'AZ-AKS-005',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool'],
  message: "AKS node pool without encryption at host",
  why: "Encryption at host covers temp disks and OS disk caches, which platform-managed disk encryption does not.",
  link: "https://learn.microsoft.com/azure/aks/enable-host-encryption",
  check: (r) => verdict((r.type === 'azurerm_kubernetes_cluster' ? block(r.config.default_node_pool) : r.config)?.host_encryption_enabled === true),
};
