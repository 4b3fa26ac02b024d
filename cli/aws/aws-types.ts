/* The parts of AWS API responses (as the API reference names them) the adopt and unmanaged commands read. */

export interface AwsTag {
  readonly Key: string;
  readonly Value: string;
}

export interface Ec2Vpc {
  readonly VpcId: string;
  readonly Tags?: AwsTag[];
}

export interface Ec2Subnet {
  readonly SubnetId: string;
  readonly VpcId?: string;
  readonly CidrBlock?: string;
  readonly AvailabilityZone?: string;
  readonly Tags?: AwsTag[];
}

export interface Ec2SecurityGroup {
  readonly GroupId: string;
  readonly GroupName: string;
  readonly VpcId?: string;
  readonly Tags?: AwsTag[];
}

export interface Ec2SecurityGroupRule {
  readonly SecurityGroupRuleId: string;
  readonly GroupId: string;
  readonly IsEgress: boolean;
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIpv4?: string;
  readonly CidrIpv6?: string;
  readonly PrefixListId?: string;
  readonly ReferencedGroupInfo?: { readonly GroupId?: string };
}

export interface Ec2Route {
  readonly DestinationCidrBlock?: string;
  readonly DestinationIpv6CidrBlock?: string;
  readonly DestinationPrefixListId?: string;
  readonly GatewayId?: string;
  readonly NatGatewayId?: string;
  readonly TransitGatewayId?: string;
  readonly VpcPeeringConnectionId?: string;
  readonly NetworkInterfaceId?: string;
  readonly InstanceId?: string;
  readonly Origin?: string;
}

export interface Ec2RouteTable {
  readonly RouteTableId: string;
  readonly VpcId?: string;
  readonly Associations?: { readonly Main?: boolean }[];
  readonly Routes?: Ec2Route[];
  readonly Tags?: AwsTag[];
}

export interface DescribeVpcs { readonly Vpcs?: Ec2Vpc[] }
export interface DescribeSubnets { readonly Subnets?: Ec2Subnet[] }
export interface Ec2Instance { readonly InstanceId: string; readonly VpcId?: string; readonly SubnetId?: string; readonly State?: { readonly Name?: string }; readonly Tags?: AwsTag[] }
export interface DescribeAutoScalingGroups { readonly AutoScalingGroups?: { readonly AutoScalingGroupName: string; readonly Instances?: { readonly InstanceId: string; readonly HealthStatus?: string; readonly LifecycleState?: string }[]; readonly MinSize?: number }[] }
export interface DescribeInstances { readonly Reservations?: { readonly Instances?: Ec2Instance[] }[] }
export interface DescribeSecurityGroups { readonly SecurityGroups?: Ec2SecurityGroup[] }
export interface DescribeSecurityGroupRules { readonly SecurityGroupRules?: Ec2SecurityGroupRule[] }
export interface DescribeRouteTables { readonly RouteTables?: Ec2RouteTable[] }
export interface ListBuckets { readonly Buckets?: { readonly Name: string }[] }
export interface BucketTagging { readonly TagSet?: AwsTag[] }
export interface GetRole { readonly Role?: { readonly RoleName: string } }
/** `iam get-account-authorization-details --filter Role`: every role with its attached and inline policies, in one call. */
export interface RoleAuthorizationDetails {
  readonly RoleDetailList?: {
    readonly RoleName: string;
    readonly AttachedManagedPolicies?: { readonly PolicyName: string; readonly PolicyArn: string }[];
    readonly RolePolicyList?: { readonly PolicyName: string }[];
  }[];
}
export interface ListHostedZonesByName { readonly HostedZones?: { readonly Id: string; readonly Name: string; readonly Config?: { readonly PrivateZone?: boolean } }[] }
export interface DescribeCluster { readonly cluster?: { readonly name: string } }
export interface DescribeLogGroups { readonly logGroups?: { readonly logGroupName: string }[] }
export interface DescribeDbInstances { readonly DBInstances?: { readonly DBInstanceIdentifier: string }[] }
export interface ListAliases { readonly Aliases?: { readonly AliasName: string; readonly TargetKeyId?: string }[] }
