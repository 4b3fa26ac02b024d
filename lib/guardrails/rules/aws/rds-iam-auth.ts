import { Rule, verdict } from '../../rule';

/** RDS instance without IAM database authentication. */
export const rdsIamAuth: Rule = {
  id: 'AWS-RDS-011',
  level: 'warning',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without IAM database authentication",
  why: "IAM authentication lets people and jobs connect with short-lived tokens instead of shared passwords.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
  check: (r) => verdict(r.config.iam_database_authentication_enabled === true),
};
