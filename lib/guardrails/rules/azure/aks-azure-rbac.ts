import { block, Rule, verdict } from '../../rule';

/** AKS cluster without Entra ID and Azure RBAC. */
export const aksAzureRbac: Rule = {
  id: 'AZ-AKS-002',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster without Entra ID and Azure RBAC",
  why: "Entra ID with Azure RBAC puts cluster access in the same reviewed place as the rest of Azure.",
  link: "https://learn.microsoft.com/azure/aks/manage-azure-rbac",
  check: (r) => verdict(block(r.config.azure_active_directory_role_based_access_control)?.azure_rbac_enabled === true),
};
