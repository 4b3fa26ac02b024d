import { asList, policyDocument, Rule, verdict } from '../../rule';

/** IAM policy allowing every action of a service or of all services (`*` or `service:*`). */
export const iamNoWildcardActions: Rule = {
  id: 'AWS-IAM-001',
  level: 'error',
  appliesTo: ['aws_iam_role_policy', 'aws_iam_policy'],
  message: "IAM policy allowing every action of a service or of all services (`*` or `service:*`)",
  why: "Wildcard actions grant tomorrow's API calls too; name what the workload does.",
  link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  check: (r) => {
    const doc = policyDocument(r.config.policy);
    if (!doc) return 'not-applicable';
    return verdict(!doc.Statement.some((s) => s.Effect === 'Allow' && asList(s.Action).some((a: string) => a === '*' || a.endsWith(':*'))));
  },
};
