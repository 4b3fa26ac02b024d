import { Rule, verdict } from '../../rule';

/** KMS key without automatic rotation. */
export const kmsRotation: Rule = {
  id: 'AWS-KMS-001',
  level: 'error',
  appliesTo: ['aws_kms_key'],
  message: "KMS key without automatic rotation",
  why: "Yearly rotation limits what one leaked key version can decrypt.",
  link: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
  check: (r) => verdict(r.config.enable_key_rotation === true),
};
