import { block, Rule, verdict } from '../../rule';

/** Scale set without automatic instance repair. */
export const vmssInstanceRepair: Rule = {
  id: 'AZ-VM-003',
  level: 'error',
  appliesTo: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  message: "Scale set without automatic instance repair",
  why: "Without it, an instance whose health probe fails stays in the set, out of rotation, until someone notices.",
  link: "https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-automatic-instance-repairs",
  check: (r) => verdict(block(r.config.automatic_instance_repair)?.enabled === true),
};
