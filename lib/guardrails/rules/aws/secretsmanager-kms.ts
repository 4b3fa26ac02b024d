import { Rule, verdict } from '../../rule';

/** Secrets Manager secret encrypted with the AWS-managed key. */
export const secretsmanagerKms: Rule = {
  id: 'AWS-SM-001',
  level: 'error',
  appliesTo: ['aws_secretsmanager_secret'],
  message: "Secrets Manager secret encrypted with the AWS-managed key",
  why: "A customer key lets the key policy decide who may decrypt, separately from who may read the secret.",
  link: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
  check: (r) => verdict(typeof r.config.kms_key_id === 'string' && r.config.kms_key_id.length > 0),
};
