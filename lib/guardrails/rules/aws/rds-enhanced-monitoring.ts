import { Rule, verdict } from '../../rule';

/** RDS instance without enhanced monitoring. */
export const rdsEnhancedMonitoring: Rule = {
  id: 'AWS-RDS-007',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without enhanced monitoring",
  why: "OS-level metrics (memory, swap, IO per process) are what explains a slow database.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html",
  check: (r) => verdict((r.config.monitoring_interval ?? 0) > 0 && typeof r.config.monitoring_role_arn === 'string'),
};
