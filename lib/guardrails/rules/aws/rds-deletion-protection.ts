import { Rule, verdict } from '../../rule';

/** RDS instance without deletion protection. */
export const rdsDeletionProtection: Rule = {
  id: 'AWS-RDS-005',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without deletion protection",
  why: "Deletion protection makes deleting a database a two-step decision.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html",
  check: (r) => verdict(r.config.deletion_protection === true),
};
