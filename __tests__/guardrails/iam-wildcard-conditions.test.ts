import { iamNoWildcardResources } from '../../lib/guardrails/rules/aws/iam-no-wildcard-resources';

/*
 * AWS-IAM-002 lets a write on `Resource: *` through only when a condition scopes it to the workload's own resources
 * (its owner tag) or to one service (a service-linked role); any other condition, or none, is still an error.
 */
const check = (statement: Record<string, unknown>) =>
  iamNoWildcardResources.check({ type: 'aws_iam_role_policy', name: 'p', config: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) } } as never, {} as never);

describe('AWS-IAM-002 conditions', () => {
  const write = { Effect: 'Allow', Action: ['elasticloadbalancing:DeleteLoadBalancer'], Resource: '*' };

  it('fails an unconditioned write on *', () => {
    expect(check(write)).toBe('non-compliant');
  });

  it('passes a write on * scoped by the owner tag or by the service of a service-linked role', () => {
    expect(check({ ...write, Condition: { StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'kore-prod-use1' } } })).toBe('compliant');
    expect(check({ ...write, Condition: { StringEquals: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'kore-prod-use1' } } })).toBe('compliant');
    expect(check({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } } })).toBe('compliant');
  });

  it('still fails conditions that do not scope to owned resources', () => {
    expect(check({ ...write, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toBe('non-compliant');
    expect(check({ ...write, Condition: { StringNotEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'x' } } })).toBe('non-compliant');
    expect(check({ ...write, Condition: { StringLike: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': '*' } } })).toBe('non-compliant');
  });
});
