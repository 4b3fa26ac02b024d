import { Rule, verdict } from '../../rule';

/** RDS instance reachable from the internet. */
export const rdsNotPublic: Rule = {
  id: 'AWS-RDS-002',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance reachable from the internet",
  why: "A database answers only inside its network; clients reach it through the VPC.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
  check: (r) => verdict(r.config.publicly_accessible !== true),
};
