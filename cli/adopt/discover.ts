import type { AwsApi, AwsTarget } from '../aws/aws-api';
import type { DescribeAutoScalingGroups, DescribeCluster, DescribeDbInstances, DescribeLogGroups, DescribeSubnets, DescribeVpcs, GetRole, ListAliases, ListHostedZonesByName } from '../aws/aws-types';
import type { AdoptableResource } from './adoptable';

/** An existing cloud resource that matches a declared one. */
export interface Candidate {
  readonly path: string;
  readonly type: string;
  readonly id: string;
  /** How it was matched, for the reviewer (`CIDR 10.99.0.0/16`, `name kore-…`). */
  readonly matchedBy: string;
}

const literal = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);

/**
 * Finds, in one AWS account and region, existing resources that match what a stack declares — VPCs and subnets
 * by CIDR (subnets only inside the matched VPC and in their declared zone: nothing whose import would plan a
 * replacement), hosted zones, buckets, roles, clusters, Auto Scaling groups, log groups, DB instances and
 * KMS aliases by name, keys through their alias — so that they can be adopted instead of created.
 */
export async function discoverAws(resources: readonly AdoptableResource[], api: AwsApi, target: AwsTarget): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const byAddress = new Map<string, string>();
  const add = (r: AdoptableResource, id: string | undefined, matchedBy: string) => {
    if (!id) return;
    found.push({ path: r.path, type: r.type, id, matchedBy });
    byAddress.set(r.address, id);
  };
  // VPCs first: subnets are looked for inside them.
  for (const r of resources.filter((x) => x.type === 'aws_vpc')) {
    const cidr = literal(r.config.cidr_block);
    if (!cidr) continue;
    const res = await api.call<DescribeVpcs>({ service: 'ec2', operation: 'DescribeVpcs', input: { Filters: [{ Name: 'cidr', Values: [cidr] }] } }, target);
    add(r, res?.Vpcs?.[0]?.VpcId, `CIDR ${cidr}`);
  }
  for (const r of resources) {
    const c = r.config;
    switch (r.type) {
      case 'aws_subnet': {
        // A subnet cannot move to another VPC or zone in place: importing one of a VPC other than the one this
        // entry's VPC becomes would plan its replacement (destroying someone else's subnet). So a subnet is looked
        // for only inside the VPC proposed for the entry (or named literally), and only in the declared zone.
        const cidr = literal(c.cidr_block);
        const vpcRef = /\$\{(aws_vpc\.[\w-]+)\.id\}/.exec(typeof c.vpc_id === 'string' ? c.vpc_id : '')?.[1];
        const vpc = vpcRef ? byAddress.get(vpcRef) : literal(c.vpc_id);
        const zone = literal(c.availability_zone);
        if (!cidr || !vpc) break;
        const filters = [{ Name: 'cidr-block', Values: [cidr] }, { Name: 'vpc-id', Values: [vpc] }, ...(zone ? [{ Name: 'availability-zone', Values: [zone] }] : [])];
        const res = await api.call<DescribeSubnets>({ service: 'ec2', operation: 'DescribeSubnets', input: { Filters: filters } }, target);
        const hit = (res?.Subnets ?? []).find((x) => (!x.VpcId || x.VpcId === vpc) && (!zone || !x.AvailabilityZone || x.AvailabilityZone === zone));
        add(r, hit?.SubnetId, `CIDR ${cidr} in ${vpc}${vpcRef ? ` (the VPC proposed for ${vpcRef})` : ''}${zone ? `, zone ${zone}` : ''}`);
        break;
      }
      case 'aws_route53_zone': {
        const name = literal(c.name);
        if (!name) break;
        const res = await api.call<ListHostedZonesByName>({ service: 'route53', operation: 'ListHostedZonesByName', input: { DNSName: name } }, target);
        const zone = (res?.HostedZones ?? []).find((z) => z.Name === `${name}.` && !z.Config?.PrivateZone);
        add(r, zone?.Id?.replace('/hostedzone/', ''), `name ${name}`);
        break;
      }
      case 'aws_s3_bucket': {
        const name = literal(c.bucket);
        if (name && (await api.call<object>({ service: 's3', operation: 'HeadBucket', input: { Bucket: name } }, target)) !== undefined) add(r, name, `name ${name}`);
        break;
      }
      case 'aws_iam_role': {
        const name = literal(c.name);
        if (name) add(r, (await api.call<GetRole>({ service: 'iam', operation: 'GetRole', input: { RoleName: name } }, target))?.Role?.RoleName, `name ${name}`);
        break;
      }
      case 'aws_autoscaling_group': {
        // A VM service's group made by hand before the fleet: adopted by name, its instances keep running.
        const name = literal(c.name);
        if (!name) break;
        const res = await api.call<DescribeAutoScalingGroups>({ service: 'autoscaling', operation: 'DescribeAutoScalingGroups', input: { AutoScalingGroupNames: [name] } }, target);
        add(r, res?.AutoScalingGroups?.[0]?.AutoScalingGroupName, `name ${name}`);
        break;
      }
      case 'aws_eks_cluster': {
        const name = literal(c.name);
        if (name) add(r, (await api.call<DescribeCluster>({ service: 'eks', operation: 'DescribeCluster', input: { name } }, target))?.cluster?.name, `name ${name}`);
        break;
      }
      case 'aws_cloudwatch_log_group': {
        const name = literal(c.name);
        if (!name) break;
        const res = await api.call<DescribeLogGroups>({ service: 'logs', operation: 'DescribeLogGroups', input: { logGroupNamePrefix: name } }, target);
        add(r, (res?.logGroups ?? []).find((g) => g.logGroupName === name)?.logGroupName, `name ${name}`);
        break;
      }
      case 'aws_db_instance': {
        const name = literal(c.identifier);
        if (name) add(r, (await api.call<DescribeDbInstances>({ service: 'rds', operation: 'DescribeDBInstances', input: { DBInstanceIdentifier: name } }, target))?.DBInstances?.[0]?.DBInstanceIdentifier, `identifier ${name}`);
        break;
      }
      default:
        break;
    }
  }
  // KMS keys through the aliases the stack declares for them.
  const aliases = resources.filter((r) => r.type === 'aws_kms_alias' && literal(r.config.name));
  if (aliases.length > 0) {
    const listed = (await api.call<ListAliases>({ service: 'kms', operation: 'ListAliases' }, target))?.Aliases ?? [];
    for (const a of aliases) {
      const hit = listed.find((l) => l.AliasName === a.config.name);
      if (!hit) continue;
      add(a, hit.AliasName, `alias ${hit.AliasName}`);
      const keyRef = /\$\{(aws_kms_key\.[\w-]+)\.(key_id|arn)\}/.exec(typeof a.config.target_key_id === 'string' ? a.config.target_key_id : '')?.[1];
      const key = resources.find((r) => r.address === keyRef);
      if (key && hit.TargetKeyId) add(key, hit.TargetKeyId, `target of ${hit.AliasName}`);
    }
  }
  return found;
}

/** The catalogue snippet that adopts the candidates (YAML, under the entry). */
export function adoptSnippet(entryId: string, found: readonly Candidate[]): string {
  if (found.length === 0) return `# ${entryId}: nothing to adopt was found\n`;
  const lines = [`# regions[id=${entryId}]: add under the entry, review each match, then plan (imports, not creates)`, 'adopt:'];
  for (const c of [...found].sort((a, b) => a.path.localeCompare(b.path))) lines.push(`  ${c.path}: ${JSON.stringify(c.id)}   # ${c.type}, by ${c.matchedBy}`);
  return `${lines.join('\n')}\n`;
}
