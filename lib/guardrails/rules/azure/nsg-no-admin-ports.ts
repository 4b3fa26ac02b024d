import { Rule, verdict } from '../../rule';
import { destinationPorts, inboundFromInternet } from './nsg-helpers';

/** Network security group admitting SSH or RDP from the internet. */
export const nsgNoAdminPorts: Rule = {
  id: 'AZ-NSG-002',
  level: 'error',
  appliesTo: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  message: "Network security group admitting SSH or RDP from the internet",
  why: "SSH and RDP from the internet are scanned constantly; administration goes through Bastion or the cluster API.",
  link: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
  check: (r) => verdict(!inboundFromInternet(r).some((x) => destinationPorts(x).some((p) => p === '*' || p === '22' || p === '3389'))),
};
