import { AwsNetwork, AwsNetworkProps } from '../../lib/network/aws-network';
import { DEFAULT_SUBNET_TIERS } from '../../lib/network/network';
import { byType, listOf, synthAws } from '../support/synth';

const base: AwsNetworkProps = { name: 'kore-test', region: 'us-east-1', cidr: '10.30.0.0/16', zoneCount: 3 };
const synthNetwork = (props: Partial<AwsNetworkProps> = {}) => synthAws((s) => new AwsNetwork(s, 'Network', { ...base, ...props }));

describe('AwsNetwork', () => {
  const json = synthNetwork({ interfaceEndpoints: ['ecr', 'sts'] });

  it('creates a DNS-enabled VPC with the given CIDR', () => {
    expect(listOf(json, 'aws_vpc')).toEqual([expect.objectContaining({ cidr_block: '10.30.0.0/16', enable_dns_hostnames: true, enable_dns_support: true })]);
  });

  it('creates one subnet per tier and zone, with ELB role tags', () => {
    const subnets = listOf(json, 'aws_subnet');
    expect(subnets).toHaveLength(9);
    const publicA = subnets.find((s) => s.tags.Name === 'kore-test-public-us-east-1a');
    expect(publicA).toMatchObject({ cidr_block: '10.30.0.0/22', availability_zone: 'us-east-1a', map_public_ip_on_launch: false });
    expect(publicA.tags['kubernetes.io/role/elb']).toBe('1');
    const privateC = subnets.find((s) => s.tags.Name === 'kore-test-private-us-east-1c');
    expect(privateC).toMatchObject({ cidr_block: '10.30.160.0/20', availability_zone: 'us-east-1c' });
    expect(privateC.tags['kubernetes.io/role/internal-elb']).toBe('1');
  });

  it('routes public subnets to the internet gateway and private subnets to their zone NAT gateway', () => {
    expect(listOf(json, 'aws_internet_gateway')).toHaveLength(1);
    expect(listOf(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(listOf(json, 'aws_eip')).toHaveLength(3);
    const routes = byType(json, 'aws_route');
    const internet = Object.entries(routes).filter(([, r]: any) => r.gateway_id?.includes('aws_internet_gateway'));
    expect(internet).toHaveLength(1);
    const nat = Object.entries(routes).filter(([, r]: any) => r.nat_gateway_id);
    expect(nat).toHaveLength(3);
    const [nameB, routeB]: any = nat.find(([name]) => name.includes('us-east-1b'))!;
    expect(nameB).toContain('private-us-east-1b');
    expect(routeB.nat_gateway_id).toMatch(/aws_nat_gateway\.Network_NatGateway-us-east-1b_/);
    // public + 3 private + intra
    expect(listOf(json, 'aws_route_table')).toHaveLength(5);
    expect(listOf(json, 'aws_route_table_association')).toHaveLength(9);
  });

  it('supports a single NAT gateway and none', () => {
    const single = synthNetwork({ natGateways: 'single' });
    expect(Object.keys(byType(single, 'aws_nat_gateway'))).toEqual([expect.stringContaining('NatGateway-us-east-1a')]);
    const natRoutes = listOf(single, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    for (const r of natRoutes) expect(r.nat_gateway_id).toContain('NatGateway-us-east-1a');
    const none = synthNetwork({ natGateways: 'none' });
    expect(listOf(none, 'aws_nat_gateway')).toHaveLength(0);
    expect(listOf(none, 'aws_route').filter((r) => r.nat_gateway_id)).toHaveLength(0);
  });

  it('sends flow logs to a KMS-encrypted log group with retention, through a role limited to that group', () => {
    const [group] = listOf(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/kore/vpc/kore-test/flow-logs', retention_in_days: 90 });
    expect(group.kms_key_id).toMatch(/aws_kms_key\.Network_FlowLogKey_/);
    const [key] = listOf(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.policy).toContain('logs.us-east-1.amazonaws.com');
    const [flow] = listOf(json, 'aws_flow_log');
    expect(flow).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const [policy] = listOf(json, 'aws_iam_role_policy');
    expect(policy.policy).toContain('logs:PutLogEvents');
    expect(policy.policy).not.toContain('"Resource":"*"');
  });

  it('closes the default security group', () => {
    const [sg] = listOf(json, 'aws_default_security_group');
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  it('adds the S3 gateway endpoint on every private and isolated route table, and interface endpoints', () => {
    const endpoints = listOf(json, 'aws_vpc_endpoint');
    const s3 = endpoints.find((e) => e.service_name === 'com.amazonaws.us-east-1.s3');
    expect(s3.vpc_endpoint_type).toBe('Gateway');
    expect(s3.route_table_ids).toHaveLength(4);
    const interfaces = endpoints.filter((e) => e.vpc_endpoint_type === 'Interface').map((e) => e.service_name).sort();
    expect(interfaces).toEqual(['com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.ecr.dkr', 'com.amazonaws.us-east-1.sts']);
    const [sg] = listOf(json, 'aws_security_group');
    expect(sg.ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.30.0.0/16'] })]);
  });

  it('keeps every existing subnet (CIDR and address) when a zone and a tier are added', () => {
    const before = byType(synthNetwork({ zoneCount: 2 }), 'aws_subnet');
    const tiers = { ...DEFAULT_SUBNET_TIERS, database: { kind: 'isolated' as const, block: { newBits: 3, netNum: 2 } } };
    const after = byType(synthNetwork({ zoneCount: 3, subnetTiers: tiers }), 'aws_subnet');
    expect(Object.keys(before)).toHaveLength(6);
    expect(Object.keys(after)).toHaveLength(12);
    for (const [address, subnet] of Object.entries(before)) {
      expect(after[address]).toBeDefined();
      expect(after[address].cidr_block).toBe((subnet as any).cidr_block);
      expect(after[address].availability_zone).toBe((subnet as any).availability_zone);
    }
  });

  it('keeps the first NAT gateway when going from single to one per zone', () => {
    const single = Object.keys(byType(synthNetwork({ natGateways: 'single' }), 'aws_nat_gateway'));
    const perZone = Object.keys(byType(synthNetwork({ natGateways: 'one-per-zone' }), 'aws_nat_gateway'));
    expect(perZone).toEqual(expect.arrayContaining(single));
  });

  it('exposes subnets per tier and names the tiers on a typo', () => {
    let network!: AwsNetwork;
    synthAws((s) => (network = new AwsNetwork(s, 'Network', base)));
    expect(network.subnets('private').map((s) => s.cidr)).toEqual(['10.30.128.0/20', '10.30.144.0/20', '10.30.160.0/20']);
    expect(network.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(() => network.subnets('privat')).toThrow('unknown subnet tier "privat"; this network has: public, intra, private');
  });

  it.each([
    [{ cidr: '10.30.0.0/33' }, 'cidr: not an IPv4 network (got 10.30.0.0/33)'],
    [{ zoneCount: 0 }, 'zoneCount: must be a positive integer (got 0)'],
    [{ zoneCount: 7 }, 'region us-east-1 has 6 availability zones, 7 were asked for'],
    [{ subnetTiers: {} }, 'subnetTiers: at least one tier is required'],
    [{ subnetTiers: { Public: DEFAULT_SUBNET_TIERS.public } }, 'subnetTiers: tier names are lowercase words (got "Public")'],
    [{ flowLogRetentionDays: 10 }, /^flowLogRetentionDays: CloudWatch accepts 1, 3, 5, .* \(got 10\)$/],
    [{ interfaceEndpoints: ['sts' as const], subnetTiers: { public: DEFAULT_SUBNET_TIERS.public } }, 'interfaceEndpoints: needs a subnet tier of kind "private" to place them in'],
  ])('rejects %j', (props, message) => {
    expect(() => synthNetwork(props as Partial<AwsNetworkProps>)).toThrow(message);
  });
});
