import { Rule, verdict } from '../../rule';

/** AKS cluster without the Azure Policy add-on. */
export const aksAzurePolicy: Rule = {
  id: 'AZ-AKS-006',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster without the Azure Policy add-on",
  why: "Azure Policy enforces pod security and image rules at admission, across clusters, from one place.",
  link: "https://learn.microsoft.com/azure/aks/use-azure-policy",
  check: (r) => verdict(r.config.azure_policy_enabled === true),
};
