import { exposesInternet } from '../../exposure';
import { asList, blocks, Rule, verdict } from '../../rule';

/** Network security group admitting the internet on ports other than 80/443. */
export const nsgInternetWebOnly: Rule = {
  id: 'AZ-NSG-001',
  level: 'error',
  appliesTo: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  message: "Network security group admitting the internet on ports other than 80/443",
  why: "The only thing the internet may reach is the ingress load balancer, on HTTP and HTTPS.",
  link: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
  check: (r) => {
    const rules = r.type === 'azurerm_network_security_group' ? blocks(r.config.security_rule) : [r.config];
    const inboundAllows = rules.filter((x) => x.direction === 'Inbound' && x.access === 'Allow');
    const fromInternet = inboundAllows.filter((x) => exposesInternet([x.source_address_prefix, ...asList(x.source_address_prefixes)].filter(Boolean)));
    const webOnly = (x: any) => [x.destination_port_range, ...asList(x.destination_port_ranges)].filter(Boolean).every((p: string) => p === '80' || p === '443');
    return verdict(fromInternet.every(webOnly));
  },
};
