import { Rule, verdict } from '../../rule';

/** PostgreSQL flexible server with public network access. */
export const postgresPrivate: Rule = {
  id: 'AZ-PG-001',
  level: 'error',
  appliesTo: ['azurerm_postgresql_flexible_server'],
  message: "PostgreSQL flexible server with public network access",
  why: "A database answers only inside its network; clients reach it through a private endpoint.",
  link: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private-link",
  check: (r) => verdict(r.config.public_network_access_enabled === false),
};
