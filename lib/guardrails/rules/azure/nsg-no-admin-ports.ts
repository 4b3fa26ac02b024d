import { exposesInternet } from '../../exposure';
import { asList, blocks, Rule, verdict } from '../../rule';

/** Network security group admitting SSH or RDP from the internet. */
export const nsgNoAdminPorts: Rule = {
  id: 'AZ-NSG-002',
  level: 'error',
  appliesTo: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  message: "Network security group admitting SSH or RDP from the internet",
  why: "SSH and RDP from the internet are scanned constantly; administration goes through Bastion or the cluster API.",
  link: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
  check: (r) => {
    const rules = r.type === 'azurerm_network_security_group' ? blocks(r.config.security_rule) : [r.config];
    const admin = (x: any) => [x.destination_port_range, ...asList(x.destination_port_ranges)].some((p: string) => p === '*' || p === '22' || p === '3389');
    return verdict(!rules.some((x) => x.direction === 'Inbound' && x.access === 'Allow' && exposesInternet([x.source_address_prefix, ...asList(x.source_address_prefixes)].filter(Boolean)) && admin(x)));
  },
};
