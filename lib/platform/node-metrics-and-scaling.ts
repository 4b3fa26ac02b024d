import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT, nodeAutoscaling, NodeAutoscalingProfile } from '../cluster/node-autoscaling';
import { addChartRelease } from './chart-release';

/** Pinned charts: cluster-autoscaler 9.59.0 and metrics-server 3.13.1 (metrics-server 0.8.1). */
export const CLUSTER_AUTOSCALER_CHART = { repository: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler', version: '9.59.0' } as const;
export const METRICS_SERVER_CHART = { repository: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.13.1' } as const;

/** Runs on the system pool, which carries the CriticalAddonsOnly taint. */
const SYSTEM_TOLERATION = [{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }];

export interface EksNodeScalingProps {
  readonly clusterName: string;
  readonly region: string;
  /** The cluster's Kubernetes minor version: cluster-autoscaler runs the release made for it. */
  readonly kubernetesVersion: string;
  /** cluster-autoscaler's IRSA role (ClusterAutoscalerRole, from the infrastructure layer's outputs). */
  readonly roleArn: string;
  /** @default - nodeAutoscaling() defaults */
  readonly profile?: NodeAutoscalingProfile;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * What an EKS cluster lacks on day one and AKS has built in: cluster-autoscaler, which scales the managed node
 * groups between their catalogue bounds (auto-discovered by the tags EKS puts on their Auto Scaling groups), and
 * metrics-server, without which no HorizontalPodAutoscaler acts. Both from pinned upstream charts (the EKS
 * metrics-server add-on is a community add-on whose availability varies by Kubernetes version; the chart does not).
 */
export class EksNodeScaling extends Construct {
  public readonly autoscaler: Release;
  public readonly metricsServer: Release;

  constructor(scope: Construct, id: string, props: EksNodeScalingProps) {
    super(scope, id);
    if (!/^1\.\d+$/.test(props.kubernetesVersion)) throw new Error(`kubernetesVersion: a minor version like 1.31 (got "${props.kubernetesVersion}")`);
    const p = nodeAutoscaling(props.profile);
    const sa = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT;
    const autoscaler = new Construct(this, 'ClusterAutoscaler');
    this.autoscaler = addChartRelease(autoscaler, {
      chart: CLUSTER_AUTOSCALER_CHART,
      name: 'cluster-autoscaler',
      namespace: sa.namespace,
      values: stringify({
        cloudProvider: 'aws',
        awsRegion: props.region,
        autoDiscovery: { clusterName: props.clusterName },
        // The release made for the cluster's minor version (its .0 exists for every minor); the chart's default
        // image follows the newest Kubernetes, which the autoscaler does not support on older control planes.
        image: { tag: `v${props.kubernetesVersion}.0` },
        rbac: { serviceAccount: { name: sa.serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': props.roleArn } } },
        extraArgs: {
          expander: p.expander,
          'balance-similar-node-groups': p.balanceSimilarNodeGroups,
          'scale-down-unneeded-time': p.scaleDownUnneededTime,
          'scale-down-utilization-threshold': p.scaleDownUtilizationThreshold,
          'skip-nodes-with-system-pods': true,
        },
        tolerations: SYSTEM_TOLERATION,
        resources: { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } },
        podDisruptionBudget: { maxUnavailable: 1 },
      }),
      dependsOn: props.dependsOn,
    });
    const metrics = new Construct(this, 'MetricsServer');
    this.metricsServer = addChartRelease(metrics, {
      chart: METRICS_SERVER_CHART,
      name: 'metrics-server',
      namespace: 'kube-system',
      values: stringify({
        replicas: 2,
        podDisruptionBudget: { enabled: true, minAvailable: 1 },
        tolerations: SYSTEM_TOLERATION,
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '400Mi' } },
      }),
      dependsOn: props.dependsOn,
    });
  }
}
