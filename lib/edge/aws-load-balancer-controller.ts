import { Release } from '@cdktf/provider-helm/lib/release';
import { addChartRelease } from '../platform/chart-release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { EDGE_SERVICE_ACCOUNTS } from './service-accounts';

/** The pinned chart (AWS Load Balancer Controller v3.5.0, eks-charts). Bump deliberately, with a plan review. */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART = { repository: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '3.5.0' } as const;

export interface AwsLoadBalancerControllerProps {
  readonly clusterName: string;
  readonly region: string;
  /** Given, not discovered: the pods cannot reach the instance metadata (IMDSv2 hop limit 1). */
  readonly vpcId: string;
  /** Its IRSA role (AwsEdgeRoles.loadBalancerController). */
  readonly roleArn: string;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The AWS Load Balancer Controller from its official chart: Services of type LoadBalancer become NLBs (IP targets,
 * client addresses kept), Ingresses of class `alb` ALBs. Its webhook makes it the controller of every new
 * LoadBalancer Service, so the in-tree controller never builds a Classic Load Balancer.
 */
export class AwsLoadBalancerController extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    const { namespace, serviceAccount } = EDGE_SERVICE_ACCOUNTS.loadBalancerController;
    this.release = addChartRelease(this, {
      chart: AWS_LOAD_BALANCER_CONTROLLER_CHART,
      name: 'aws-load-balancer-controller',
      namespace,
      values: awsLoadBalancerControllerValues(props, serviceAccount),
      dependsOn: props.dependsOn,
    });
  }
}

/** The chart values, from typed settings only. */
export function awsLoadBalancerControllerValues(props: AwsLoadBalancerControllerProps, serviceAccount: string): string {
  return stringify({
    clusterName: props.clusterName,
    region: props.region,
    vpcId: props.vpcId,
    replicaCount: 2,
    serviceAccount: { create: true, name: serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': props.roleArn } },
    podDisruptionBudget: { minAvailable: 1 },
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    enableServiceMutatorWebhook: true,
    // Tagged like everything else the fleet owns, so the unmanaged scan can tell whose load balancer it is.
    defaultTags: { 'kore:cluster': props.clusterName },
  });
}
