import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { suppressGuardrails } from '../guardrails/suppress';
import { managedPolicyArn, serviceTrustPolicy } from '../private/iam';
import { healthPortOf, IVmService, VmServiceProps } from './vm-service';

export interface AwsVmServiceProps extends VmServiceProps {
  /**
   * The emulator has no instance refresh API and reports no target health: the group is made without
   * `instance_refresh` and does not wait for healthy capacity; attributes moto does not keep are ignored. Sandbox
   * stacks only.
   * @default false
   */
  readonly emulatorQuirks?: boolean;
}

/**
 * A VM service on AWS: an Auto Scaling group launched from a launch template held to the EKS nodes' bar (IMDSv2 with
 * one hop, encrypted volumes, no public IP, no SSH key — Session Manager through an instance role with only the SSM
 * core policy), across the network's private zones, behind an internal Network Load Balancer whose HTTP health
 * check the group trusts (ELB health checks). A new image is a new launch template version, and every new version
 * starts an instance refresh that keeps capacity, waits for warm-up and rolls back on failure.
 */
export class AwsVmService extends Construct implements IVmService {
  public readonly cloud = 'aws' as const;
  public readonly serviceName: string;
  public readonly groupName: string;
  public readonly address: string;
  public readonly healthPort: number;
  public readonly launchTemplate: LaunchTemplate;
  public readonly group: AutoscalingGroup;

  constructor(scope: Construct, id: string, props: AwsVmServiceProps) {
    super(scope, id);
    if ('publisher' in props.image || 'galleryImageVersionId' in props.image) throw new Error(`${props.name}: an Azure image on AWS`);
    this.serviceName = props.name;
    this.healthPort = healthPortOf(props);
    const name = `${props.prefix}-${props.name}`;
    const subnets = props.network.subnets(props.subnetTier ?? 'private').map((s) => s.subnetId);
    const tags = { ...props.tags, 'kore-vm-service': props.name };

    // Resolved at plan time: bumping the image is one line of the catalogue (an id, or a newer AMI of the name).
    const image = new DataAwsAmi(this, 'Image', {
      mostRecent: true,
      owners: 'amiName' in props.image ? [...props.image.owners] : undefined,
      filter: 'amiName' in props.image ? [{ name: 'name', values: [props.image.amiName] }] : [{ name: 'image-id', values: [props.image.ami] }],
    });

    const role = new IamRole(this, 'Role', { name, assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'), tags });
    // Session Manager instead of SSH: access is IAM-authorized and logged, and no key exists to leak.
    new IamRolePolicyAttachment(this, 'Ssm', { role: role.name, policyArn: managedPolicyArn('AmazonSSMManagedInstanceCore') });
    const profile = new IamInstanceProfile(this, 'Profile', { name, role: role.name, tags });

    const sg = new SecurityGroup(this, 'SecurityGroup', {
      name,
      description: `VM service ${props.name}: its ports from inside the VPC`,
      vpcId: props.network.networkId,
      // An NLB keeps the client's address: clients and health checks both come from inside the VPC.
      ingress: props.ports.map((port) => ({ description: `${props.name} port ${port} from the VPC`, protocol: 'tcp', fromPort: port, toPort: port, cidrBlocks: [props.network.cidr] })),
      // Session Manager, patches and the service's own dependencies, through the NAT gateways.
      egress: [{ description: 'HTTPS out (Session Manager, package mirrors)', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }],
      tags: { ...tags, Name: name },
    });

    const volumes = (props.dataVolumes ?? []).map((v, i) => ({
      deviceName: `/dev/sd${String.fromCharCode(102 + i)}`,
      ebs: { volumeSize: v.sizeGb, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
    }));
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      namePrefix: `${name}-`,
      description: `VM service ${props.name}`,
      imageId: image.id,
      instanceType: props.size,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: profile.arn },
      // One hop: the instance reaches IMDS, a container or proxy on it does not.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [{ deviceName: image.rootDeviceName, ebs: { volumeSize: props.rootVolumeGb ?? 30, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }, ...volumes],
      networkInterfaces: [{ associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: [sg.id] }],
      monitoring: { enabled: true },
      tagSpecifications: ['instance', 'volume'].map((resourceType) => ({ resourceType, tags: { ...tags, Name: name } })),
      tags,
      // moto merges the template's own tags into its tag specifications (emulatorQuirks).
      lifecycle: props.emulatorQuirks ? { ignoreChanges: ['tag_specifications'] } : undefined,
    });

    const lb = new Lb(this, 'LoadBalancer', {
      name,
      internal: true,
      loadBalancerType: 'network',
      subnets,
      enableCrossZoneLoadBalancing: true,
      tags,
    });
    this.address = lb.dnsName;
    const targetGroups = props.ports.map((port) => {
      const tg = new LbTargetGroup(this, `Port${port}`, {
        namePrefix: 'vm-',
        port,
        protocol: 'TCP',
        vpcId: props.network.networkId,
        deregistrationDelay: '60',
        healthCheck: { protocol: 'HTTP', port: String(this.healthPort), path: props.healthCheck.path, healthyThreshold: 3, unhealthyThreshold: 3, interval: 10 },
        tags,
        // A new target group before the old one goes: the listener is never left without one.
        lifecycle: { createBeforeDestroy: true },
      });
      new LbListener(this, `Listener${port}`, { loadBalancerArn: lb.arn, port, protocol: 'TCP', defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }], tags });
      return tg;
    });

    this.groupName = name;
    const large = props.capacity.max >= 10;
    this.group = new AutoscalingGroup(this, 'Group', {
      name,
      minSize: props.capacity.min,
      maxSize: props.capacity.max,
      desiredCapacity: props.capacity.desired,
      vpcZoneIdentifier: subnets,
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      targetGroupArns: targetGroups.map((t) => t.arn),
      // The load balancer's check decides: an instance whose service stopped answering is replaced.
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: 300,
      waitForCapacityTimeout: props.emulatorQuirks ? '0' : '15m',
      instanceRefresh: props.emulatorQuirks
        ? undefined
        : {
            strategy: 'Rolling',
            preferences: {
              minHealthyPercentage: 90,
              maxHealthyPercentage: 110,
              instanceWarmup: '300',
              autoRollback: true,
              skipMatching: true,
              // Large groups stop at checkpoints, so a bad image is caught on a quarter of the group.
              ...(large ? { checkpointPercentages: [25, 50, 100], checkpointDelay: '600' } : {}),
            },
          },
      tag: Object.entries({ ...tags, Name: name }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // moto keeps neither the default warm-up nor the capacity reservation preference (emulatorQuirks).
      lifecycle: props.emulatorQuirks ? { ignoreChanges: ['default_instance_warmup', 'capacity_reservation_specification'] } : undefined,
    });
    if (props.emulatorQuirks) {
      suppressGuardrails(this.group, [{ rule: 'AWS-ASG-002', reason: 'The emulator implements no instance refresh API, so sandbox groups are made without one (see emulatorQuirks).' }]);
    }
  }
}
