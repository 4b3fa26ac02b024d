import { asList, Rule, verdict } from '../../rule';

/** PostgreSQL RDS instance not exporting its logs to CloudWatch. */
export const rdsLogExports: Rule = {
  id: 'AWS-RDS-008',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "PostgreSQL RDS instance not exporting its logs to CloudWatch",
  why: "Database logs outside the instance survive it and can be searched and alarmed on.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
  check: (r) => (r.config.engine !== 'postgres' ? 'not-applicable' : verdict(asList(r.config.enabled_cloudwatch_logs_exports).includes('postgresql'))),
};
