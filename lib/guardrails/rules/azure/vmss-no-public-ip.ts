import { block, blocks, Rule, verdict } from '../../rule';

/** Scale set whose instances get public IPs. */
export const vmssNoPublicIp: Rule = {
  id: 'AZ-VM-002',
  level: 'error',
  appliesTo: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  message: "Scale set whose instances get public IP addresses",
  why: "An instance with a public address is one NSG mistake away from the internet; services are reached through their load balancer.",
  link: "https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-networking",
  check: (r) => verdict(blocks(r.config.network_interface).every((nic) => blocks(block(nic)?.ip_configuration).every((ip) => blocks(ip.public_ip_address).length === 0))),
};
