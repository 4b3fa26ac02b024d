import { asList, policyDocument, Rule, verdict } from '../../rule';

/** IAM policy allowing writes on every resource (`Resource: *`). */
export const iamNoWildcardResources: Rule = {
  id: 'AWS-IAM-002',
  level: 'error',
  appliesTo: ['aws_iam_role_policy', 'aws_iam_policy'],
  message: "IAM policy allowing writes on every resource (`Resource: *`)",
  why: "A write permission on `*` reaches every bucket, key and table of the account, not only the workload's own.",
  link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  check: (r) => {
    const doc = policyDocument(r.config.policy);
    if (!doc) return 'not-applicable';
    const writes = (a: string) => !/:(Get|List|Describe)/.test(a);
    return verdict(!doc.Statement.some((s) => s.Effect === 'Allow' && asList(s.Resource).includes('*') && asList(s.Action).some(writes)));
  },
};
