import { Rule, verdict } from '../../rule';

/** Storage account accepting TLS below 1.2. */
export const storageTls12: Rule = {
  id: 'AZ-ST-001',
  level: 'error',
  appliesTo: ['azurerm_storage_account'],
  message: "Storage account accepting TLS below 1.2",
  why: "TLS 1.0 and 1.1 have known weaknesses and are being retired by Azure.",
  link: "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
  check: (r) => verdict(r.config.min_tls_version === 'TLS1_2'),
};
