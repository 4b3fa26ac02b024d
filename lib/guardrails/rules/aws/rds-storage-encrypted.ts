import { Rule, verdict } from '../../rule';

/** RDS instance with unencrypted storage. */
export const rdsStorageEncrypted: Rule = {
  id: 'AWS-RDS-001',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS instance with unencrypted storage",
  why: "Encryption at rest covers the database, its snapshots and read replicas.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
  check: (r) => verdict(r.config.storage_encrypted === true),
};
