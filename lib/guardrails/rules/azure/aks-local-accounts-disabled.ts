import { Rule, verdict } from '../../rule';

/** AKS cluster with local accounts. */
export const aksLocalAccountsDisabled: Rule = {
  id: 'AZ-AKS-001',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster with local accounts",
  why: "A local admin kubeconfig is a shared, unaudited credential that outlives the people who had it.",
  link: "https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad",
  check: (r) => verdict(r.config.local_account_disabled === true),
};
