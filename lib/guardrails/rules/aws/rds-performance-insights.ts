import { Rule, verdict } from '../../rule';

/** RDS instance without Performance Insights. */
export const rdsPerformanceInsights: Rule = {
  id: 'AWS-RDS-009',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without Performance Insights",
  why: "Performance Insights shows which queries load the database, the first question in an incident.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.html",
  check: (r) => verdict(r.config.performance_insights_enabled === true),
};
