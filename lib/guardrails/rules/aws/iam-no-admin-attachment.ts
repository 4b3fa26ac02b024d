import { Rule, verdict } from '../../rule';

/** AdministratorAccess (or IAMFullAccess) attached to a role. */
export const iamNoAdminAttachment: Rule = {
  id: 'AWS-IAM-003',
  level: 'error',
  appliesTo: ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachment'],
  message: "AdministratorAccess (or IAMFullAccess) attached to a role",
  why: "Administrator access on a workload role turns any compromise of that workload into a compromise of the account.",
  link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
  check: (r) => verdict(!/:policy\/(AdministratorAccess|IAMFullAccess|PowerUserAccess)$/.test(String(r.config.policy_arn))),
};
