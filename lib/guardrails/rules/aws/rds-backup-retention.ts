import { Rule, verdict } from '../../rule';

/** RDS instance keeping backups for less than 7 days. */
export const rdsBackupRetention: Rule = {
  id: 'AWS-RDS-004',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance keeping backups for less than 7 days",
  why: "A problem found after a long weekend must still be recoverable.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
  check: (r) => verdict((r.config.backup_retention_period ?? 1) >= 7),
};
