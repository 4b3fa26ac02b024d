/**
 * The AWS Load Balancer Controller's permissions, after the upstream `iam_policy.json` of v2.x/v3.x, narrowed to
 * one cluster: everything the controller creates carries the tag `elbv2.k8s.aws/cluster = <cluster name>`, so every
 * write on a load balancer, target group or security group is conditioned on that tag (upstream only asks the tag
 * to exist, so one cluster's controller may rewrite another's load balancers). Security-group rules are limited to
 * the cluster's VPC. Left out: WAF, Shield and Cognito writes (no workload here asks for them).
 */
export interface AwsLoadBalancerControllerPolicyProps {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  /** The ARN of the cluster's VPC. */
  readonly vpcArn: string;
}

const TAG = 'elbv2.k8s.aws/cluster';

export function awsLoadBalancerControllerPolicy(p: AwsLoadBalancerControllerPolicyProps): string {
  const ec2 = `arn:aws:ec2:${p.region}:${p.accountId}`;
  const elb = `arn:aws:elasticloadbalancing:${p.region}:${p.accountId}`;
  const ownTag = { [`aws:ResourceTag/${TAG}`]: p.clusterName };
  const requestTag = { [`aws:RequestTag/${TAG}`]: p.clusterName };
  const loadBalancers = [`${elb}:loadbalancer/app/*`, `${elb}:loadbalancer/net/*`];
  const targetGroups = `${elb}:targetgroup/*`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ServiceLinkedRole',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      },
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
          'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
          'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:DescribeRouteTables',
          'ec2:DescribeCoipPools', 'ec2:DescribeIpamPools', 'ec2:GetCoipPoolUsage', 'ec2:GetSecurityGroupsForVpc',
          'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
          'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerCertificates',
          'elasticloadbalancing:DescribeListenerAttributes', 'elasticloadbalancing:DescribeSSLPolicies',
          'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:DescribeTargetHealth',
          'elasticloadbalancing:DescribeTags', 'elasticloadbalancing:DescribeTrustStores',
          'elasticloadbalancing:DescribeCapacityReservation',
          'acm:ListCertificates', 'acm:DescribeCertificate', 'iam:ListServerCertificates', 'iam:GetServerCertificate',
          'wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'shield:GetSubscriptionState', 'shield:DescribeProtection',
        ],
        Resource: '*',
      },
      {
        // Rules between the load balancer's security group and the nodes' or pods' groups, inside this VPC only.
        Sid: 'SecurityGroupRulesInVpc',
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        Resource: `${ec2}:security-group/*`,
        Condition: { ArnEquals: { 'ec2:Vpc': p.vpcArn } },
      },
      { Sid: 'CreateSecurityGroupInVpc', Effect: 'Allow', Action: 'ec2:CreateSecurityGroup', Resource: [p.vpcArn, `${ec2}:security-group/*`] },
      {
        Sid: 'TagNewSecurityGroup',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: `${ec2}:security-group/*`,
        Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup', ...requestTag } },
      },
      {
        Sid: 'OwnSecurityGroups',
        Effect: 'Allow',
        Action: ['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DeleteSecurityGroup'],
        Resource: `${ec2}:security-group/*`,
        Condition: { StringEquals: ownTag },
      },
      {
        Sid: 'CreateTaggedLoadBalancers',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
        Resource: [...loadBalancers, targetGroups],
        Condition: { StringEquals: requestTag },
      },
      {
        Sid: 'TagOnCreate',
        Effect: 'Allow',
        Action: 'elasticloadbalancing:AddTags',
        Resource: [...loadBalancers, targetGroups],
        Condition: { StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'], ...requestTag } },
      },
      {
        Sid: 'OwnLoadBalancers',
        Effect: 'Allow',
        Action: [
          'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags', 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups', 'elasticloadbalancing:SetSubnets',
          'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
          'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:ModifyCapacityReservation', 'elasticloadbalancing:ModifyIpPools',
          'elasticloadbalancing:CreateListener', 'elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets',
        ],
        Resource: [...loadBalancers, targetGroups],
        Condition: { StringEquals: ownTag },
      },
      {
        // Listeners and rules carry no cluster tag of their own: scoped to this account and region's ELB ARNs.
        Sid: 'ListenersAndRules',
        Effect: 'Allow',
        Action: [
          'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyListenerAttributes',
          'elasticloadbalancing:AddListenerCertificates', 'elasticloadbalancing:RemoveListenerCertificates',
          'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule', 'elasticloadbalancing:ModifyRule',
          'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags',
        ],
        Resource: [`${elb}:listener/app/*`, `${elb}:listener/net/*`, `${elb}:listener-rule/app/*`, `${elb}:listener-rule/net/*`],
      },
    ],
  });
}
