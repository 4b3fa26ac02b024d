import { Rule, verdict } from '../../rule';

/** RDS instance without a Multi-AZ standby. */
export const rdsMultiAz: Rule = {
  id: 'AWS-RDS-006',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance without a Multi-AZ standby",
  why: "Without a standby, a zone outage or a host failure takes the database down until it is restored.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
  check: (r) => verdict(r.config.multi_az === true),
};
