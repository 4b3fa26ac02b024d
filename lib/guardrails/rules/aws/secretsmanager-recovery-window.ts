import { Rule, verdict } from '../../rule';

/** Secrets Manager secret deleted without a recovery window. */
export const secretsmanagerRecoveryWindow: Rule = {
  id: 'AWS-SM-002',
  level: 'warning',
  appliesTo: ['aws_secretsmanager_secret'],
  message: "Secrets Manager secret deleted without a recovery window",
  why: "A recovery window lets a secret deleted by mistake be restored before the workloads using it fail.",
  link: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html",
  check: (r) => verdict((r.config.recovery_window_in_days ?? 30) >= 7),
};
