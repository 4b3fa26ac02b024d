import { Rule, verdict } from '../../rule';

/** PostgreSQL flexible server without geo-redundant backups. */
export const postgresGeoBackup: Rule = {
  id: 'AZ-PG-004',
  level: 'error',
  appliesTo: ['azurerm_postgresql_flexible_server'],
  message: "PostgreSQL flexible server without geo-redundant backups",
  why: "Geo-redundant backups restore the database in the paired region after a regional outage.",
  link: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore#geo-redundant-backup-and-restore",
  check: (r) => verdict(r.config.geo_redundant_backup_enabled === true),
};
