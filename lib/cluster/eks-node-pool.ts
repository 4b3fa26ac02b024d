import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NodePoolProps } from './cluster';

export interface EksNodePoolProps extends NodePoolProps {
  /** The cluster (a reference, so that the node group waits for it). */
  readonly clusterName: string;
  /** Literal prefix for resource names, usually the cluster's name. */
  readonly namePrefix: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  /**
   * Resources the node group must wait for (role policies: nodes cannot join without them).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Ignore what the moto emulator invents or drops (see EksClusterProps.emulatorQuirks).
   * @default false
   */
  readonly emulatorQuirks?: boolean;
}

const TAINT_EFFECT = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;

/**
 * A managed node group behind a launch template (IMDSv2 only, encrypted gp3 root volume). Both carry name
 * prefixes and create-before-destroy, so a change that forces replacement brings the new group up before the old
 * one drains, instead of failing on a name clash or taking the pool down.
 */
export class EksNodePool extends Construct {
  public readonly nodeGroup: EksNodeGroup;
  public readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: EksNodePoolProps) {
    super(scope, id);
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      namePrefix: `${props.namePrefix}-${id}-`,
      description: `Node pool ${id} of ${props.namePrefix}`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        // 1 hop: only the node itself (and host-network pods such as aws-node and kube-proxy) reaches IMDS; pods
        // in their own network namespace cannot take the node role's credentials (EKS best practice). Workloads
        // get AWS identities through IRSA instead.
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: props.diskSizeGb ?? 50, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
        },
      ],
      // Provider default tags stop at the launch template; these reach the instances and volumes EKS launches.
      tagSpecifications: ['instance', 'volume'].map((resourceType) => ({
        resourceType,
        tags: { Name: `${props.namePrefix}-${id}`, 'kore.io/node-pool': id },
      })),
      // moto merges the template's own tags into its tag specifications (emulatorQuirks).
      lifecycle: { createBeforeDestroy: true, ignoreChanges: props.emulatorQuirks ? ['tag_specifications'] : undefined },
    });
    this.nodeGroup = new EksNodeGroup(this, 'NodeGroup', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${id}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      instanceTypes: [...props.instanceTypes],
      scalingConfig: { minSize: props.minSize, desiredSize: props.desiredSize, maxSize: props.maxSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      labels: { 'kore.io/node-pool': id, ...props.labels },
      taint: (props.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECT[t.effect] })),
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      // cluster-autoscaler owns the size between the bounds: a plan must neither reset it nor call it drift.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size', ...(props.emulatorQuirks ? ['remote_access', 'update_config'] : [])] },
      dependsOn: props.dependsOn,
    });
  }
}
