import type { AwsApi, AwsRequest, AwsTarget } from '../aws/aws-api';
import type { BucketTagging, DescribeInstances, DescribeRouteTables, DescribeSecurityGroupRules, DescribeSecurityGroups, DescribeSubnets, DescribeVpcs, ListBuckets, RoleAuthorizationDetails } from '../aws/aws-types';
import { concurrencyGate } from '../concurrency';
import { ManagedSet, ruleKey } from './managed-state';

/** What kind of thing is unmanaged: a resource nobody's state holds, or a change hung on a managed resource. */
export type UnmanagedKind =
  | 'vpc'
  | 'subnet'
  | 'security-group'
  | 'route-table'
  | 'instance'
  | 's3-bucket'
  | 'iam-role'
  | 'security-group-rule'
  | 'route'
  | 'role-policy-attachment'
  | 'role-inline-policy'
  | 'azure-resource'
  | 'nsg-rule'
  | 'role-assignment';

export interface UnmanagedFinding {
  /** AWS account id or Azure subscription id. */
  readonly account: string;
  readonly region: string;
  readonly kind: UnmanagedKind;
  /**
   * The cloud id: `sg-…`, `subnet-…`, bucket name, `role|policy`, `sg-…|ingress|tcp|22-22|0.0.0.0/0`, `rtb-…|0.0.0.0/0`;
   * on Azure the resource id (lower-cased).
   */
  readonly id: string;
  /** Why it belongs to the fleet and what it is. */
  readonly detail: string;
}

export interface ScanTarget extends AwsTarget {
  readonly account: string;
  /** The tag key every fleet resource carries (the region entry's id as value). */
  readonly fleetTagKey: string;
  /** Role names the fleet gives (prefix). */
  readonly rolePrefix: string;
  /** Scan global things (S3, IAM) from this target: once per account. */
  readonly includeGlobal: boolean;
}

/**
 * AWS calls in flight at once in one scan. They are independent reads: one after the other, and with three calls per
 * role, a scan of an account with a dozen fleet roles made some forty calls in a row (minutes on a loaded runner).
 * Six keeps well under the API's read throttles.
 */
export const SCAN_CALLS_AT_ONCE = 6;

const tagsOf = (tags: { Key: string; Value: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
/** Created by AWS services for the fleet (EKS's cluster security group, its ENIs' groups): not ours to manage. */
const serviceOwned = (tags: Record<string, string>) => Object.keys(tags).some((k) => k.startsWith('aws:') || k.startsWith('kubernetes.io/cluster/') || k.startsWith('elbv2.k8s.aws/'));

/**
 * One account and region of the fleet, compared with what the fleet's states hold. Fleet resources are those inside
 * a VPC a state manages, or tagged with the fleet's tag; among them it reports those no state holds, and on managed
 * resources what was hung there by hand: security-group rules, routes, IAM policy attachments and inline policies.
 * Left alone: what AWS creates by itself (a VPC's main route table and local routes, gateway-endpoint routes,
 * service-owned security groups).
 */
export async function scanUnmanaged(api: AwsApi, t: ScanTarget, managed: ManagedSet): Promise<UnmanagedFinding[]> {
  const out: UnmanagedFinding[] = [];
  const report = (kind: UnmanagedKind, id: string, detail: string) => out.push({ account: t.account, region: t.region, kind, id, detail });
  const gate = concurrencyGate(SCAN_CALLS_AT_ONCE);
  const call = <T>(request: AwsRequest) => gate(() => api.call<T>(request, t));

  // Every list at once; what depends on a list (a managed group's rules, a bucket's tags) once it is in.
  // The roles come with their attached and inline policies in one paginated call, not three calls per role.
  const [vpcList, subnetList, groupList, routeTables, reservationList, bucketList, roleList] = await Promise.all([
    call<DescribeVpcs>({ service: 'ec2', operation: 'DescribeVpcs' }),
    call<DescribeSubnets>({ service: 'ec2', operation: 'DescribeSubnets' }),
    call<DescribeSecurityGroups>({ service: 'ec2', operation: 'DescribeSecurityGroups' }),
    call<DescribeRouteTables>({ service: 'ec2', operation: 'DescribeRouteTables' }),
    call<DescribeInstances>({ service: 'ec2', operation: 'DescribeInstances' }),
    t.includeGlobal ? call<ListBuckets>({ service: 's3', operation: 'ListBuckets' }) : undefined,
    t.includeGlobal ? call<RoleAuthorizationDetails>({ service: 'iam', operation: 'GetAccountAuthorizationDetails', input: { Filter: ['Role'] } }) : undefined,
  ]);

  const fleetVpcs = new Set<string>();
  for (const v of vpcList?.Vpcs ?? []) {
    const tags = tagsOf(v.Tags);
    if (managed.ids.has(v.VpcId)) fleetVpcs.add(v.VpcId);
    else if (tags[t.fleetTagKey] !== undefined) {
      fleetVpcs.add(v.VpcId);
      report('vpc', v.VpcId, `tagged ${t.fleetTagKey}=${tags[t.fleetTagKey]}, in no state`);
    }
  }
  const inFleet = (vpcId: string | undefined, tags: Record<string, string>) => (vpcId !== undefined && fleetVpcs.has(vpcId)) || tags[t.fleetTagKey] !== undefined;
  const why = (vpcId: string | undefined, tags: Record<string, string>) => (vpcId && fleetVpcs.has(vpcId) ? `in fleet VPC ${vpcId}` : `tagged ${t.fleetTagKey}=${tags[t.fleetTagKey]}`);

  const managedGroups = new Set<string>();
  for (const g of groupList?.SecurityGroups ?? []) {
    const tags = tagsOf(g.Tags);
    if (inFleet(g.VpcId, tags) && !serviceOwned(tags) && managed.ids.has(g.GroupId)) managedGroups.add(g.GroupId);
  }
  const unmanagedBuckets = (bucketList?.Buckets ?? []).filter((b) => !managed.ids.has(b.Name));
  const [ruleList, bucketTags] = await Promise.all([
    managedGroups.size > 0 ? call<DescribeSecurityGroupRules>({ service: 'ec2', operation: 'DescribeSecurityGroupRules', input: { Filters: [{ Name: 'group-id', Values: [...managedGroups] }] } }) : undefined,
    Promise.all(unmanagedBuckets.map((b) => call<BucketTagging>({ service: 's3', operation: 'GetBucketTagging', input: { Bucket: b.Name } }))),
  ]);

  for (const s of subnetList?.Subnets ?? []) {
    const tags = tagsOf(s.Tags);
    if (inFleet(s.VpcId, tags) && !managed.ids.has(s.SubnetId)) report('subnet', s.SubnetId, `${s.CidrBlock} ${why(s.VpcId, tags)}, in no state`);
  }

  for (const g of groupList?.SecurityGroups ?? []) {
    const tags = tagsOf(g.Tags);
    if (!inFleet(g.VpcId, tags) || serviceOwned(tags) || managed.ids.has(g.GroupId)) continue;
    // A VPC's default group exists with the VPC; the fleet manages it (aws_default_security_group) when it manages the VPC.
    if (g.GroupName !== 'default') report('security-group', g.GroupId, `"${g.GroupName}" ${why(g.VpcId, tags)}, in no state`);
  }
  for (const r of ruleList?.SecurityGroupRules ?? []) {
    const peer = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId ?? '?';
    const key = ruleKey(r.GroupId, r.IsEgress, String(r.IpProtocol), r.FromPort === -1 ? undefined : r.FromPort, r.ToPort === -1 ? undefined : r.ToPort, peer);
    if (!managed.rules.has(key) && !managed.ids.has(r.SecurityGroupRuleId)) report('security-group-rule', key, `rule ${r.SecurityGroupRuleId} on managed group ${r.GroupId}, declared nowhere`);
  }

  for (const rt of routeTables?.RouteTables ?? []) {
    const tags = tagsOf(rt.Tags);
    if (!inFleet(rt.VpcId, tags)) continue;
    const main = (rt.Associations ?? []).some((a) => a.Main);
    if (!managed.ids.has(rt.RouteTableId)) {
      if (!main) report('route-table', rt.RouteTableId, `${why(rt.VpcId, tags)}, in no state`);
      continue;
    }
    for (const route of rt.Routes ?? []) {
      const dest = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId;
      const automatic = route.GatewayId === 'local' || route.Origin === 'CreateRouteTable' || String(route.GatewayId ?? '').startsWith('vpce-');
      if (!automatic && !managed.routes.has(`${rt.RouteTableId}|${dest}`)) {
        const via = route.NatGatewayId ?? route.GatewayId ?? route.TransitGatewayId ?? route.VpcPeeringConnectionId ?? route.NetworkInterfaceId ?? route.InstanceId ?? '?';
        report('route', `${rt.RouteTableId}|${dest}`, `route to ${dest} via ${via} in managed route table, declared nowhere`);
      }
    }
  }

  // Instances: a managed Auto Scaling group's own (it launched them from a managed launch template) and EKS nodes
  // belong; one launched by hand into the fleet's subnets, or by a group no state holds, does not.
  for (const i of (reservationList?.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
    const tags = tagsOf(i.Tags);
    if (!inFleet(i.VpcId, tags) || managed.ids.has(i.InstanceId) || ['terminated', 'shutting-down'].includes(i.State?.Name ?? '')) continue;
    const group = tags['aws:autoscaling:groupName'];
    if (group !== undefined && (managed.ids.has(group) || tags['eks:nodegroup-name'] !== undefined || Object.keys(tags).some((k) => k.startsWith('kubernetes.io/cluster/')))) continue;
    report('instance', i.InstanceId, `${group !== undefined ? `launched by Auto Scaling group ${group} (itself in no state)` : 'launched by hand'} ${why(i.VpcId, tags)}${i.SubnetId ? ` (subnet ${i.SubnetId})` : ''}, in no state`);
  }

  for (const [n, b] of unmanagedBuckets.entries()) {
    const tags = tagsOf(bucketTags[n]?.TagSet);
    if (tags[t.fleetTagKey] !== undefined) report('s3-bucket', b.Name, `tagged ${t.fleetTagKey}=${tags[t.fleetTagKey]}, in no state`);
  }
  for (const role of roleList?.RoleDetailList ?? []) {
    const name = role.RoleName;
    if (!managed.roles.has(name)) {
      if (name.startsWith(t.rolePrefix)) report('iam-role', name, `named like the fleet (${t.rolePrefix}…), in no state`);
      continue;
    }
    for (const p of role.AttachedManagedPolicies ?? []) {
      if (!managed.attachments.has(`${name}|${p.PolicyArn}`)) report('role-policy-attachment', `${name}|${p.PolicyArn}`, `${p.PolicyName} attached to managed role ${name}, declared nowhere`);
    }
    for (const p of role.RolePolicyList ?? []) {
      if (!managed.inlinePolicies.has(`${name}|${p.PolicyName}`)) report('role-inline-policy', `${name}|${p.PolicyName}`, `inline policy ${p.PolicyName} on managed role ${name}, declared nowhere`);
    }
  }
  return out;
}
