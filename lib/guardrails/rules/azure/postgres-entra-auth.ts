import { block, Rule, verdict } from '../../rule';

/** PostgreSQL flexible server without Entra ID authentication. */
export const postgresEntraAuth: Rule = {
  id: 'AZ-PG-005',
  level: 'warning',
  appliesTo: ['azurerm_postgresql_flexible_server'],
  message: "PostgreSQL flexible server without Entra ID authentication",
  why: "Entra ID authentication lets people and jobs connect with short-lived tokens instead of shared passwords.",
  link: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-azure-ad-authentication",
  check: (r) => verdict(block(r.config.authentication)?.active_directory_auth_enabled === true),
};
