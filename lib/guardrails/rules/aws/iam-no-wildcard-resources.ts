import { asList, policyDocument, Rule, verdict } from '../../rule';

/**
 * Condition keys that narrow `Resource: *` to the workload's own resources: the tag its owner puts on everything it
 * creates (what the AWS Load Balancer Controller is scoped by), or the one service a service-linked role is for.
 */
const SCOPING_KEYS = /^(aws:ResourceTag\/|aws:RequestTag\/|iam:AWSServiceName$)/;

function scopedByCondition(condition: Record<string, Record<string, unknown>> | undefined): boolean {
  return Object.entries(condition ?? {}).some(([op, keys]) => /^(ForAllValues:|ForAnyValue:)?StringEquals$/.test(op) && Object.keys(keys).some((k) => SCOPING_KEYS.test(k)));
}

/** IAM policy allowing writes on every resource (`Resource: *`) without a condition that scopes them. */
export const iamNoWildcardResources: Rule = {
  id: 'AWS-IAM-002',
  level: 'error',
  appliesTo: ['aws_iam_role_policy', 'aws_iam_policy'],
  message: "IAM policy allowing writes on every resource (`Resource: *`) without a tag or service condition",
  why: "A write permission on `*` reaches every bucket, key and table of the account, not only the workload's own.",
  link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  check: (r) => {
    const doc = policyDocument(r.config.policy);
    if (!doc) return 'not-applicable';
    const writes = (a: string) => !/:(Get|List|Describe)/.test(a);
    return verdict(!doc.Statement.some((s) => s.Effect === 'Allow' && asList(s.Resource).includes('*') && asList(s.Action).some(writes) && !scopedByCondition(s.Condition)));
  },
};
