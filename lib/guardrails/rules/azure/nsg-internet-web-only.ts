import { Rule, verdict } from '../../rule';
import { destinationPorts, inboundFromInternet } from './nsg-helpers';

/** Network security group admitting the internet on ports other than 80/443. */
export const nsgInternetWebOnly: Rule = {
  id: 'AZ-NSG-001',
  level: 'error',
  appliesTo: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  message: "Network security group admitting the internet on ports other than 80/443",
  why: "The only thing the internet may reach is the ingress load balancer, on HTTP and HTTPS.",
  link: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
  check: (r) => verdict(inboundFromInternet(r).every((x) => destinationPorts(x).every((p) => p === '80' || p === '443'))),
};
