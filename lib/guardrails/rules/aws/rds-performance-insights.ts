import { Rule, verdict } from '../../rule';

/** RDS instance without Performance Insights, or with its data under the AWS-managed key. */
export const rdsPerformanceInsights: Rule = {
  id: 'AWS-RDS-009',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without Performance Insights encrypted with a customer-managed key",
  why: "Performance Insights shows which queries load the database, the first question in an incident; it stores query text, so it is encrypted with a key the account controls and can revoke.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html",
  check: (r) => verdict(r.config.performance_insights_enabled === true && typeof r.config.performance_insights_kms_key_id === 'string' && r.config.performance_insights_kms_key_id !== ''),
};
