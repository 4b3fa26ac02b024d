import { Rule, verdict } from '../../rule';

/** RDS instance not taking automatic minor version upgrades. */
export const rdsMinorUpgrades: Rule = {
  id: 'AWS-RDS-010',
  level: 'warning',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance not taking automatic minor version upgrades",
  why: "Minor versions carry security fixes; taking them in the maintenance window keeps the engine patched.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades",
  check: (r) => verdict(r.config.auto_minor_version_upgrade !== false),
};
