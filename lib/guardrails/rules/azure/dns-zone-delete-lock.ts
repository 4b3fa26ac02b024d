import { Rule, verdict } from '../../rule';

/** Azure DNS zone without a delete lock on it. */
export const dnsZoneDeleteLock: Rule = {
  id: 'AZ-DNS-002',
  level: 'warning',
  appliesTo: ['azurerm_dns_zone'],
  message: "Azure DNS zone without a delete lock on it",
  why: "Deleting a delegated zone takes every name under it off the internet until it is recreated and re-delegated.",
  link: "https://learn.microsoft.com/azure/dns/dns-protect-zones-recordsets",
  check: (r, view) => verdict(view.referencing('azurerm_management_lock', r).some((l) => l.config.lock_level === 'CanNotDelete')),
};
