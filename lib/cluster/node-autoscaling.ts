import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { irsaTrustPolicy } from '../private/iam';
import { clusterAutoscalerCloudNames } from '../cloud/construct-names';

/*
 * Node autoscaling, one profile for both clouds: on AKS it is the cluster's built-in autoscaler profile, on EKS the
 * flags of cluster-autoscaler. Why cluster-autoscaler and not Karpenter on EKS: the catalogue's pools are managed
 * node groups with min/max bounds, which cluster-autoscaler scales as they are (the same pools, the same launch
 * templates, the same drift and guardrail checks); Karpenter would replace them with its own NodePools and an
 * interruption queue — a second way to make nodes — for bin-packing gains a fleet of this size does not need yet.
 */

/** How nodes are added and removed, the same on EKS and AKS. */
export interface NodeAutoscalingProfile {
  /** Which pool grows first when several could. @default 'least-waste' */
  readonly expander?: 'least-waste' | 'random' | 'most-pods' | 'priority';
  /** How long a node stays unneeded before it is removed. @default '10m' */
  readonly scaleDownUnneededTime?: string;
  /** Below this share of requested CPU and memory a node is unneeded. @default 0.5 */
  readonly scaleDownUtilizationThreshold?: number;
  /** Keep similar pools (one per zone) the same size. @default true */
  readonly balanceSimilarNodeGroups?: boolean;
}

/** The profile with its defaults filled in. */
export function nodeAutoscaling(p: NodeAutoscalingProfile = {}): Required<NodeAutoscalingProfile> {
  return { expander: p.expander ?? 'least-waste', scaleDownUnneededTime: p.scaleDownUnneededTime ?? '10m', scaleDownUtilizationThreshold: p.scaleDownUtilizationThreshold ?? 0.5, balanceSimilarNodeGroups: p.balanceSimilarNodeGroups ?? true };
}

/** Where cluster-autoscaler runs in the cluster; its role trusts exactly this service account. */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = { namespace: 'kube-system', serviceAccount: 'cluster-autoscaler' } as const;

/** The tag EKS puts on the Auto Scaling groups of a cluster's managed node groups (auto-discovery). */
export function clusterAutoscalerTag(clusterName: string): string {
  return `k8s.io/cluster-autoscaler/${clusterName}`;
}

/**
 * cluster-autoscaler's permissions: reading Auto Scaling and EC2 (the Describe calls take no resource), and
 * resizing or removing instances only of groups tagged as this cluster's (EKS tags its managed node groups so).
 */
export function clusterAutoscalerPolicy(clusterName: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Discover',
        Effect: 'Allow',
        Action: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations', 'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplateVersions', 'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup'],
        Resource: '*',
      },
      {
        Sid: 'ResizeOwnGroups',
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: '*',
        Condition: { StringEquals: { [`aws:ResourceTag/${clusterAutoscalerTag(clusterName)}`]: 'owned' } },
      },
    ],
  };
}

export interface ClusterAutoscalerRoleProps {
  readonly clusterName: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
}

/** cluster-autoscaler's IRSA role on EKS: its service account only, its own cluster's node groups only. */
export class ClusterAutoscalerRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerRoleProps) {
    super(scope, id);
    const sa = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT;
    this.role = new IamRole(this, 'Role', {
      name: clusterAutoscalerCloudNames(props.clusterName)[0].name,
      assumeRolePolicy: irsaTrustPolicy(props.oidcProviderArn, Fn.replace(props.oidcIssuerUrl, 'https://', ''), sa.namespace, sa.serviceAccount),
    });
    new IamRolePolicy(this, 'Policy', { role: this.role.id, name: 'cluster-autoscaler', policy: JSON.stringify(clusterAutoscalerPolicy(props.clusterName)) });
  }
}
