import { Rule, verdict } from '../../rule';

/** Azure DNS record with a TTL under 30 seconds. */
export const dnsRecordTtl: Rule = {
  id: 'AZ-DNS-001',
  level: 'warning',
  appliesTo: ['azurerm_dns_a_record', 'azurerm_dns_cname_record', 'azurerm_dns_txt_record', 'azurerm_dns_ns_record'],
  message: "Azure DNS record with a TTL under 30 seconds",
  why: "Very short TTLs multiply resolver traffic and cost without making failover meaningfully faster than 60 s.",
  link: "https://learn.microsoft.com/azure/dns/dns-zones-records#time-to-live",
  check: (r) => verdict((r.config.ttl ?? 300) >= 30),
};
