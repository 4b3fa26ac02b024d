import { Rule, verdict } from '../../rule';

/** KMS key with a deletion window under 14 days. */
export const kmsDeletionWindow: Rule = {
  id: 'AWS-KMS-003',
  level: 'warning',
  appliesTo: ['aws_kms_key'],
  message: "KMS key with a deletion window under 14 days",
  why: "A key scheduled for deletion by mistake must be recoverable long enough for someone to notice.",
  link: "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
  check: (r) => verdict((r.config.deletion_window_in_days ?? 30) >= 14),
};
