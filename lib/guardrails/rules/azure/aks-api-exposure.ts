import { exposesInternet } from '../../exposure';
import { asList, block, Rule, verdict } from '../../rule';

/** AKS API server open to the internet (public, and its authorized ranges cover more than a /8). */
export const aksApiExposure: Rule = {
  id: 'AZ-AKS-003',
  level: 'error',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS API server open to the internet (public, and its authorized ranges cover more than a /8)",
  why: "A public API server is one credential leak away from the cluster; private, or an allow-list of known egress ranges.",
  link: "https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges",
  check: (r) => {
    if (r.config.private_cluster_enabled === true) return 'compliant';
    const ranges = asList(block(r.config.api_server_access_profile)?.authorized_ip_ranges);
    return verdict(ranges.length > 0 && !exposesInternet(ranges));
  },
};
