import { Rule, verdict } from '../../rule';

/** KMS key relying on the account default key policy. */
export const kmsExplicitPolicy: Rule = {
  id: 'AWS-KMS-002',
  level: 'error',
  appliesTo: ['aws_kms_key'],
  message: "KMS key relying on the account default key policy",
  why: "The default policy lets any principal in the account with IAM permissions use the key; an explicit policy says who.",
  link: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
  check: (r) => verdict(typeof r.config.policy === 'string' && r.config.policy.length > 0),
};
