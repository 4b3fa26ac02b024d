import { block, Rule, verdict } from '../../rule';

/** AKS cluster without Container Insights (monitoring add-on). */
export const aksMonitoring: Rule = {
  id: 'AZ-AKS-007',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS cluster without Container Insights (monitoring add-on)",
  why: "Node and pod metrics and logs are what an incident is investigated with.",
  link: "https://learn.microsoft.com/azure/aks/monitor-aks",
  check: (r) => verdict(block(r.config.oms_agent)?.log_analytics_workspace_id !== undefined),
};
