import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { zoneNames } from '../cloud/cloud-regions';
import { planSubnets } from '../private/address-plan';
import { isIpv4Cidr } from '../private/cidr';
import { CLOUDWATCH_RETENTION_DAYS } from '../private/cloudwatch';
import { serviceTrustPolicy } from '../private/iam';
import { logsKeyPolicy } from '../private/kms-policies';
import { DEFAULT_SUBNET_TIERS, INetwork, NetworkSubnet, SubnetTierSpec } from './network';

/** How private subnets reach the internet. */
export type NatGatewayMode = 'none' | 'single' | 'one-per-zone';
/** Interface endpoints worth having so that nodes pull images and get tokens without the NAT gateway. */
export type AwsInterfaceEndpoint = 'ecr' | 'sts';

export interface AwsNetworkProps {
  /** Name prefix for Name tags and the log group. */
  readonly name: string;
  /** AWS region. */
  readonly region: string;
  /** VPC address space, /16 to /20. */
  readonly cidr: string;
  /** Number of availability zones, taken in the region's fixed order (`a`, `b`, …). */
  readonly zoneCount: number;
  /**
   * Subnet tiers keyed by name.
   * @default DEFAULT_SUBNET_TIERS (public, private, intra)
   */
  readonly subnetTiers?: Readonly<Record<string, SubnetTierSpec>>;
  /**
   * NAT gateways for private tiers: none, one shared (cheap, one zone's outage cuts egress), or one per zone.
   * @default 'one-per-zone'
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Interface endpoints placed in the private tier.
   * @default - none (the S3 gateway endpoint is always created: it is free)
   */
  readonly interfaceEndpoints?: readonly AwsInterfaceEndpoint[];
  /**
   * Retention of VPC flow logs.
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * A VPC across `zoneCount` zones: subnet tiers keyed by name on a stable address plan, internet gateway, NAT
 * gateways, route tables per tier (and per zone for private tiers), encrypted flow logs, an S3 gateway endpoint,
 * optional interface endpoints, and a default security group stripped of its rules.
 */
export class AwsNetwork extends Construct implements INetwork {
  public readonly cloud = 'aws' as const;
  public readonly networkId: string;
  public readonly cidr: string;
  public readonly zones: readonly string[];
  public readonly tierNames: readonly string[];
  public readonly vpc: Vpc;
  /** Route tables of private and isolated tiers (gateway endpoints attach here). */
  public readonly privateRouteTableIds: string[] = [];
  public readonly egress: Route[] = [];
  private readonly subnetsByTier = new Map<string, NetworkSubnet[]>();

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    const tiers = props.subnetTiers ?? DEFAULT_SUBNET_TIERS;
    const natMode = props.natGateways ?? 'one-per-zone';
    validate(props, tiers);

    this.cidr = props.cidr;
    this.zones = zoneNames('aws', props.region, props.zoneCount);
    this.tierNames = Object.keys(tiers);
    const planned = planSubnets(props.cidr, tiers, this.zones);

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    this.networkId = this.vpc.id;

    // The default security group allows all traffic between its members; owning it with explicitly empty rule
    // lists closes that, and makes Terraform remove any rule added to it by hand.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-closed` },
    });

    const subnets = new Map<string, Subnet>();
    for (const p of planned) {
      const kind = tiers[p.tier].kind;
      const subnet = new Subnet(this, `Subnet-${p.tier}-${p.zone}`, {
        vpcId: this.vpc.id,
        cidrBlock: p.cidr,
        availabilityZone: p.zone,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-${p.tier}-${p.zone}`, tier: p.tier, ...elbRoleTag(kind) },
      });
      subnets.set(`${p.tier}/${p.zone}`, subnet);
      const list = this.subnetsByTier.get(p.tier) ?? [];
      list.push({ tier: p.tier, zone: p.zone, cidr: p.cidr, subnetId: subnet.id });
      this.subnetsByTier.set(p.tier, list);
    }

    /** The subnet of `<tier>/<zone>`: the address plan made one for every tier and zone. */
    const subnetOf = (key: string): string => {
      const subnet = subnets.get(key);
      if (!subnet) throw new Error(`no subnet ${key} in the address plan`);
      return subnet.id;
    };
    const publicTiers = this.tierNames.filter((t) => tiers[t].kind === 'public');
    const igw = publicTiers.length > 0 ? new InternetGateway(this, 'InternetGateway', { vpcId: this.vpc.id, tags: { Name: props.name } }) : undefined;

    for (const tier of publicTiers) {
      const table = new RouteTable(this, `RouteTable-${tier}`, { vpcId: this.vpc.id, tags: { Name: `${props.name}-${tier}` } });
      if (igw) new Route(this, `Route-${tier}-internet`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
      for (const zone of this.zones) {
        new RouteTableAssociation(this, `RouteTableAssociation-${tier}-${zone}`, { routeTableId: table.id, subnetId: subnetOf(`${tier}/${zone}`) });
      }
    }

    // NAT gateways are keyed by zone: going from 'single' to 'one-per-zone' keeps the first zone's gateway.
    const natZones = natMode === 'none' || publicTiers.length === 0 ? [] : natMode === 'single' ? [this.zones[0]] : [...this.zones];
    const nats = new Map<string, NatGateway>();
    for (const zone of natZones) {
      const eip = new Eip(this, `NatEip-${zone}`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${zone}` } });
      nats.set(
        zone,
        new NatGateway(this, `NatGateway-${zone}`, {
          allocationId: eip.id,
          subnetId: subnetOf(`${publicTiers[0]}/${zone}`),
          tags: { Name: `${props.name}-${zone}` },
          dependsOn: igw ? [igw] : undefined,
        }),
      );
    }

    for (const tier of this.tierNames.filter((t) => tiers[t].kind === 'private')) {
      // One table per zone so that each zone egresses through its own NAT gateway.
      for (const zone of this.zones) {
        const table = new RouteTable(this, `RouteTable-${tier}-${zone}`, { vpcId: this.vpc.id, tags: { Name: `${props.name}-${tier}-${zone}` } });
        const nat = nats.get(zone) ?? nats.get(this.zones[0]);
        if (nat) {
          this.egress.push(new Route(this, `Route-${tier}-${zone}-nat`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id }));
        }
        new RouteTableAssociation(this, `RouteTableAssociation-${tier}-${zone}`, { routeTableId: table.id, subnetId: subnetOf(`${tier}/${zone}`) });
        this.privateRouteTableIds.push(table.id);
      }
    }
    for (const tier of this.tierNames.filter((t) => tiers[t].kind === 'isolated')) {
      const table = new RouteTable(this, `RouteTable-${tier}`, { vpcId: this.vpc.id, tags: { Name: `${props.name}-${tier}` } });
      for (const zone of this.zones) {
        new RouteTableAssociation(this, `RouteTableAssociation-${tier}-${zone}`, { routeTableId: table.id, subnetId: subnetOf(`${tier}/${zone}`) });
      }
      this.privateRouteTableIds.push(table.id);
    }

    this.addFlowLogs(props);
    this.addEndpoints(props, tiers);
  }

  public subnets(tier: string): NetworkSubnet[] {
    const found = this.subnetsByTier.get(tier);
    if (!found) throw new Error(`unknown subnet tier "${tier}"; this network has: ${this.tierNames.join(', ')}`);
    return [...found];
  }

  private addFlowLogs(props: AwsNetworkProps): void {
    const account = new DataAwsCallerIdentity(this, 'Account');
    const logGroupName = `/kore/vpc/${props.name}/flow-logs`;
    const key = new KmsKey(this, 'FlowLogKey', {
      description: `Encrypts VPC flow logs of ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: logsKeyPolicy(account.accountId, props.region, logGroupName),
    });
    const group = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: logGroupName,
      retentionInDays: props.flowLogRetentionDays ?? 90,
      kmsKeyId: key.arn,
    });
    const role = new IamRole(this, 'FlowLogRole', {
      name: `${props.name}-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'FlowLogRolePolicy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [group.arn, `${group.arn}:*`],
          },
        ],
      }),
    });
    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }

  private addEndpoints(props: AwsNetworkProps, tiers: Readonly<Record<string, SubnetTierSpec>>): void {
    if (this.privateRouteTableIds.length > 0) {
      new VpcEndpoint(this, 'S3GatewayEndpoint', {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: this.privateRouteTableIds,
        tags: { Name: `${props.name}-s3` },
      });
    }
    const wanted = props.interfaceEndpoints ?? [];
    if (wanted.length === 0) return;
    const privateTier = this.tierNames.find((t) => tiers[t].kind === 'private');
    if (!privateTier) throw new Error('interfaceEndpoints: needs a subnet tier of kind "private" to place them in');
    const sg = new SecurityGroup(this, 'EndpointSecurityGroup', {
      name: `${props.name}-endpoints`,
      description: 'HTTPS from inside the VPC to interface endpoints',
      vpcId: this.vpc.id,
      ingress: [{ description: 'HTTPS from the VPC', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [props.cidr] }],
      egress: [],
      tags: { Name: `${props.name}-endpoints` },
    });
    const services: Record<AwsInterfaceEndpoint, string[]> = { ecr: ['ecr.api', 'ecr.dkr'], sts: ['sts'] };
    for (const service of wanted.flatMap((w) => services[w])) {
      new VpcEndpoint(this, `InterfaceEndpoint-${service}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.subnets(privateTier).map((s) => s.subnetId),
        securityGroupIds: [sg.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
  }
}

function validate(props: AwsNetworkProps, tiers: Readonly<Record<string, SubnetTierSpec>>): void {
  if (!Token.isUnresolved(props.cidr) && !isIpv4Cidr(props.cidr)) throw new Error(`cidr: not an IPv4 network (got ${props.cidr})`);
  if (!Number.isInteger(props.zoneCount) || props.zoneCount < 1) throw new Error(`zoneCount: must be a positive integer (got ${props.zoneCount})`);
  if (Object.keys(tiers).length === 0) throw new Error('subnetTiers: at least one tier is required');
  for (const name of Object.keys(tiers)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`subnetTiers: tier names are lowercase words (got "${name}")`);
  }
  const retention = props.flowLogRetentionDays;
  if (retention !== undefined && !CLOUDWATCH_RETENTION_DAYS.includes(retention)) {
    throw new Error(`flowLogRetentionDays: CloudWatch accepts ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (got ${retention})`);
  }
}

/** Tags the AWS load balancer controller uses to pick subnets. */
function elbRoleTag(kind: string): Record<string, string> {
  if (kind === 'public') return { 'kubernetes.io/role/elb': '1' };
  if (kind === 'private') return { 'kubernetes.io/role/internal-elb': '1' };
  return {};
}

