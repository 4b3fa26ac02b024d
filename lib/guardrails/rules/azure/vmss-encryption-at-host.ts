import { Rule, verdict } from '../../rule';

/** Scale set without encryption at host. */
export const vmssEncryptionAtHost: Rule = {
  id: 'AZ-VM-004',
  level: 'error',
  appliesTo: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  message: "Scale set without encryption at host",
  why: "Encryption at host covers temp disks and OS disk caches, which platform-managed disk encryption does not.",
  link: "https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data",
  check: (r) => verdict(r.config.encryption_at_host_enabled === true),
};
