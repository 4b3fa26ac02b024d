import { Rule, verdict } from '../../rule';

/** PostgreSQL flexible server keeping backups for less than 7 days. */
export const postgresBackupRetention: Rule = {
  id: 'AZ-PG-002',
  level: 'error',
  appliesTo: ['azurerm_postgresql_flexible_server'],
  message: "PostgreSQL flexible server keeping backups for less than 7 days",
  why: "A problem found after a long weekend must still be recoverable.",
  link: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
  check: (r) => verdict((r.config.backup_retention_days ?? 7) >= 7),
};
