import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Testing } from 'cdktf';
import { adoptableResources } from '../../cli/adopt/adoptable';
import { adoptSnippet, discoverAws } from '../../cli/adopt/discover';
import type { AwsApi, AwsRequest, AwsTarget } from '../../cli/aws/aws-api';
import { applyIgnores, loadIgnoreFile } from '../../cli/unmanaged/ignore-file';
import { addManagedState, emptyManagedSet, ruleKey } from '../../cli/unmanaged/managed-state';
import { pulledState, StateFixture, stateInstances } from '../support/pulled-state';
import { SCAN_CALLS_AT_ONCE, scanUnmanaged } from '../../cli/unmanaged/scan';
import { runUnmanagedScan } from '../../cli/unmanaged/run-unmanaged';
import type { AzureApi } from '../../cli/azure/az-cli';
import { listStacks } from '../../cli/stacks';
import type { TerraformRunner } from '../../cli/terraform';
import { buildDriftReport, driftExitCode, renderDriftJunit, renderDriftMarkdown } from '../../cli/drift/render';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { RegionInfraStack } from '../../stacks/region-infra-stack';
import { catalogueCopy } from '../support/catalogue';
import { runCommand } from '../support/run-command';
import { defaultFleetOut } from '../support/default-fleet';

/** The values of an EC2 request's filter `name`, as discovery sends them. */
const filter = (request: AwsRequest, name: string) => ((request.input?.Filters ?? []) as { Name: string; Values: string[] }[]).find((f) => f.Name === name)?.Values;

const synthInfra = (id: string, adopt: Record<string, string>) => {
  const c = catalogueCopy();
  c.regions.find((r) => r.id === id)!.adopt = adopt;
  const catalogue = parseCatalogue(c, 'test');
  const app = Testing.app();
  const stack = new RegionInfraStack(app, { entry: catalogue.regions.find((r) => r.id === id)!, catalogue });
  return JSON.parse(Testing.synth(stack));
};

describe('adopting existing resources', () => {
  it('emits an import block per adopted AWS resource, at the address of its construct', async () => {
    const json = synthInfra('dev-use1', { 'Network/Vpc': 'vpc-0abc', 'Dns/Zone': 'Z0123456789', 'Network/Subnet-private-us-east-1a': 'subnet-0p0' });
    const imports = json.import as { to: string; id: string }[];
    expect(imports.map((i) => [i.to.replace(/_[0-9A-F]{8}$/, ''), i.id]).sort()).toEqual([
      ['aws_route53_zone.Dns_Zone', 'Z0123456789'],
      ['aws_subnet.Network_Subnet-private-us-east-1a', 'subnet-0p0'],
      ['aws_vpc.Network_Vpc', 'vpc-0abc'],
    ]);
    for (const i of imports) expect(json.resource[i.to.split('.')[0]][i.to.split('.')[1]]).toBeDefined();
  });

  it('does the same on Azure (resource group, VNet, DNS zone by resource id)', async () => {
    const rg = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kore-prod-weu-network';
    const json = synthInfra('prod-weu', { 'Network/ResourceGroup': rg, 'Network/VNet': `${rg}/providers/Microsoft.Network/virtualNetworks/kore-prod-weu`, 'Dns/Zone': `${rg}/providers/Microsoft.Network/dnsZones/prod-weu.kore.example.com` });
    expect((json.import as any[]).map((i) => i.to.split('.')[0]).sort()).toEqual(['azurerm_dns_zone', 'azurerm_resource_group', 'azurerm_virtual_network']);
  });

  it('adopts a VM service\'s existing Auto Scaling group by name, and finds it by the name the catalogue gives it', async () => {
    const json = synthInfra('prod-use1', { 'VmService-billing/Group': 'kore-prod-use1-billing' });
    expect((json.import as any[]).map((i) => [i.to.replace(/_[0-9A-F]{8}$/, ''), i.id])).toEqual([['aws_autoscaling_group.VmService-billing_Group', 'kore-prod-use1-billing']]);
    const out = defaultFleetOut('kore-adopt-vm-');
    const rows = adoptableResources(out, 'prod-us-east-1').filter((r) => r.path.startsWith('VmService-billing/'));
    expect(rows.map((r) => [r.path, r.idHint])).toEqual(expect.arrayContaining([['VmService-billing/Group', 'Auto Scaling group name'], ['VmService-billing/LaunchTemplate', 'launch template id (lt-…)']]));
    const api: AwsApi = { call: async (request: AwsRequest): Promise<any> => (request.operation === 'DescribeAutoScalingGroups' && (request.input?.AutoScalingGroupNames as string[])[0] === 'kore-prod-use1-billing' ? { AutoScalingGroups: [{ AutoScalingGroupName: 'kore-prod-use1-billing' }] } : undefined) };
    const found = await discoverAws(rows, api, { region: 'us-east-1' });
    expect(found).toEqual([{ path: 'VmService-billing/Group', type: 'aws_autoscaling_group', id: 'kore-prod-use1-billing', matchedBy: 'name kore-prod-use1-billing' }]);
  });

  it('refuses a construct path that names no resource, naming the entry and what is there', async () => {
    expect(() => synthInfra('dev-use1', { 'Network/Vpc2': 'vpc-1' })).toThrow(/^adopt\.Network\/Vpc2: no resource at this construct path \(under Network: .*Network\/Vpc.*\); `npm run adopt -- --stack dev-us-east-1` lists them$/);
  });

  it('validates adopt in the catalogue: construct paths and non-empty ids', async () => {
    const c = catalogueCopy();
    c.regions[0].adopt = { 'not a path!': 'x', 'Network/Vpc': '' };
    expect(() => parseCatalogue(c, 'test')).toThrow(/problem/);
  });
});

describe('npm run adopt: what can be adopted, and discovery', () => {
  const out = defaultFleetOut('kore-adopt-');
  const resources = adoptableResources(out, 'dev-us-east-1');

  it('lists adoptable resources by construct path with the id Terraform expects', async () => {
    expect(resources.find((r) => r.path === 'Network/Vpc')).toMatchObject({ type: 'aws_vpc', idHint: 'VPC id (vpc-…)' });
    expect(resources.some((r) => r.type === 'aws_subnet')).toBe(true);
    expect(resources.every((r) => r.path.length > 0 && !r.path.startsWith('dev-us-east-1'))).toBe(true);
  });

  it('finds the VPC by CIDR, its subnets inside it, zones, buckets and roles by name, and writes the snippet', async () => {
    const vpc = resources.find((r) => r.type === 'aws_vpc')!;
    const subnet = resources.find((r) => r.type === 'aws_subnet')!;
    const calls: AwsRequest[] = [];
    const api: AwsApi = {
      async call(request: AwsRequest): Promise<any> {
        calls.push(request);
        if (request.operation === 'DescribeVpcs') return { Vpcs: [{ VpcId: 'vpc-1' }] };
        if (request.operation === 'DescribeSubnets') return filter(request, 'cidr-block')?.[0] === subnet.config.cidr_block ? { Subnets: [{ SubnetId: 'subnet-1' }] } : { Subnets: [] };
        if (request.operation === 'ListHostedZonesByName') return { HostedZones: [{ Id: '/hostedzone/Z1', Name: `${request.input?.DNSName}.`, Config: { PrivateZone: false } }] };
        if (request.operation === 'GetRole') return request.input?.RoleName === 'kore-dev-use1-cert-manager' ? { Role: { RoleName: request.input.RoleName } } : undefined;
        return undefined;
      },
    };
    const found = await discoverAws(resources, api, { region: 'us-east-1' });
    expect(calls[0]).toEqual({ service: 'ec2', operation: 'DescribeVpcs', input: { Filters: [{ Name: 'cidr', Values: [vpc.config.cidr_block] }] } });
    expect(filter(calls.find((c) => c.operation === 'DescribeSubnets')!, 'vpc-id')).toEqual(['vpc-1']);
    expect(found.map((f) => [f.path, f.id])).toEqual(expect.arrayContaining([['Network/Vpc', 'vpc-1'], [subnet.path, 'subnet-1'], ['Dns/Zone', 'Z1'], ['EdgeRoles/CertManager', 'kore-dev-use1-cert-manager']]));
    const snippet = adoptSnippet('dev-use1', found);
    expect(snippet).toMatch(/^# regions\[id=dev-use1\]: .*\nadopt:\n/);
    expect(snippet).toContain('  Network/Vpc: "vpc-1"   # aws_vpc, by CIDR 10.');
  });
});

describe('unmanaged scan', () => {
  const stateFixture: StateFixture[] = [
    { type: 'aws_vpc', attributes: { id: 'vpc-1' } },
    { type: 'aws_subnet', attributes: { id: 'subnet-1' } },
    { type: 'aws_security_group', attributes: { id: 'sg-1', ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }], egress: [] } },
    { type: 'aws_route_table', attributes: { id: 'rtb-1', route: [{ cidr_block: '0.0.0.0/0' }] } },
    { type: 'aws_s3_bucket', attributes: { id: 'kore-b', bucket: 'kore-b' } },
    { type: 'aws_iam_role', attributes: { id: 'kore-node', name: 'kore-node' } },
    { type: 'aws_autoscaling_group', attributes: { id: 'kore-dev-use1-billing', name: 'kore-dev-use1-billing' } },
    { type: 'aws_iam_role_policy_attachment', attributes: { id: 'x', role: 'kore-node', policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' } },
  ];
  const managed = emptyManagedSet();
  addManagedState(stateInstances(stateFixture), managed);
  const fleetTag = [{ Key: 'kore-region', Value: 'dev-use1' }];
  const api: AwsApi = {
    async call(request: AwsRequest): Promise<any> {
      switch (request.operation) {
        case 'DescribeVpcs': return { Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-other' }] };
        case 'DescribeSubnets': return { Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1' }, { SubnetId: 'subnet-hand', VpcId: 'vpc-1', CidrBlock: '10.0.250.0/24' }, { SubnetId: 'subnet-elsewhere', VpcId: 'vpc-other' }] };
        case 'DescribeSecurityGroups':
          return { SecurityGroups: [
            { GroupId: 'sg-1', VpcId: 'vpc-1', GroupName: 'managed' },
            { GroupId: 'sg-default', VpcId: 'vpc-1', GroupName: 'default' },
            { GroupId: 'sg-eks', VpcId: 'vpc-1', GroupName: 'eks-cluster-sg', Tags: [{ Key: 'aws:eks:cluster-name', Value: 'kore' }] },
            { GroupId: 'sg-hand', VpcId: 'vpc-1', GroupName: 'debug' },
          ] };
        case 'DescribeSecurityGroupRules':
          return { SecurityGroupRules: [
            { SecurityGroupRuleId: 'sgr-1', GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '10.0.0.0/16' },
            { SecurityGroupRuleId: 'sgr-2', GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' },
          ] };
        case 'DescribeRouteTables':
          return { RouteTables: [
            { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true }], Routes: [] },
            { RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }, { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'igw-1', Origin: 'CreateRoute' }] },
          ] };
        case 'DescribeInstances':
          return { Reservations: [{ Instances: [
            { InstanceId: 'i-group', VpcId: 'vpc-1', SubnetId: 'subnet-1', State: { Name: 'running' }, Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'kore-dev-use1-billing' }] },
            { InstanceId: 'i-node', VpcId: 'vpc-1', State: { Name: 'running' }, Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'eks-general-123' }, { Key: 'eks:nodegroup-name', Value: 'general' }] },
            { InstanceId: 'i-hand', VpcId: 'vpc-1', SubnetId: 'subnet-1', State: { Name: 'running' }, Tags: fleetTag },
            { InstanceId: 'i-stray-group', VpcId: 'vpc-1', State: { Name: 'running' }, Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'old-billing' }] },
            { InstanceId: 'i-gone', VpcId: 'vpc-1', State: { Name: 'terminated' } },
            { InstanceId: 'i-elsewhere', VpcId: 'vpc-other', State: { Name: 'running' } },
          ] }] };
        case 'ListBuckets': return { Buckets: [{ Name: 'kore-b' }, { Name: 'hand-made' }, { Name: 'someone-elses' }] };
        case 'GetBucketTagging': return request.input?.Bucket === 'hand-made' ? { TagSet: fleetTag } : undefined;
        case 'GetAccountAuthorizationDetails':
          expect(request.input).toEqual({ Filter: ['Role'] });
          return { RoleDetailList: [
            { RoleName: 'kore-node', AttachedManagedPolicies: [{ PolicyName: 'AmazonEKSWorkerNodePolicy', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' }, { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], RolePolicyList: [{ PolicyName: 'hotfix' }] },
            { RoleName: 'kore-forgotten', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], RolePolicyList: [{ PolicyName: 'old' }] },
            { RoleName: 'OrganizationAccountAccessRole', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
          ] };
        default: return undefined;
      }
    },
  };
  const target = { account: '111111111111', region: 'us-east-1', fleetTagKey: 'kore-region', rolePrefix: 'kore-', includeGlobal: true };

  it('reports fleet resources no state holds and what was hung on managed ones, and nothing managed or AWS-made', async () => {
    const found = await scanUnmanaged(api, target, managed);
    // A VM service's group launches its own instances; one launched by hand next to them is reported.
    expect(found.find((f) => f.id === 'i-hand')?.detail).toBe('launched by hand in fleet VPC vpc-1 (subnet subnet-1), in no state');
    expect(found.find((f) => f.id === 'i-stray-group')?.detail).toBe('launched by Auto Scaling group old-billing (itself in no state) in fleet VPC vpc-1, in no state');
    expect(found.map((f) => [f.kind, f.id]).sort()).toEqual([
      ['iam-role', 'kore-forgotten'],
      ['instance', 'i-hand'],
      ['instance', 'i-stray-group'],
      ['role-inline-policy', 'kore-node|hotfix'],
      ['role-policy-attachment', 'kore-node|arn:aws:iam::aws:policy/AdministratorAccess'],
      ['route', 'rtb-1|192.168.0.0/16'],
      ['s3-bucket', 'hand-made'],
      ['security-group', 'sg-hand'],
      ['security-group-rule', ruleKey('sg-1', false, 'tcp', 22, 22, '0.0.0.0/0')],
      ['subnet', 'subnet-hand'],
    ]);
  });

  it('still reports hand-made routes, inline policies, attachments and rules after an apply refreshed them into state', async () => {
    // What the state holds after any apply: the hand-made changes, read back into the computed collections.
    const res: any[] = JSON.parse(JSON.stringify(stateFixture)).map((r: StateFixture) => ({ ...r, name: 'x' }));
    res.find((r: any) => r.type === 'aws_route_table').attributes.route.push({ cidr_block: '192.168.0.0/16' });
    Object.assign(res.find((r: any) => r.type === 'aws_iam_role').attributes, { inline_policy: [{ name: 'hotfix' }], managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy', 'arn:aws:iam::aws:policy/AdministratorAccess'] });
    res.find((r: any) => r.type === 'aws_security_group').attributes.ingress.push({ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] });
    const refreshed = stateInstances(res);
    // The configuration sets the route table's routes and the group's rules inline, but none of the role's policies.
    const configured = new Set(['aws_route_table.x|route', 'aws_security_group.x|ingress']);
    const after = emptyManagedSet();
    addManagedState(refreshed, after, (address, attr) => configured.has(`${address}|${attr}`));
    const kinds = (await scanUnmanaged(api, target, after)).map((f) => `${f.kind} ${f.id}`);
    expect(kinds).toEqual(expect.arrayContaining(['role-inline-policy kore-node|hotfix', 'role-policy-attachment kore-node|arn:aws:iam::aws:policy/AdministratorAccess']));
    // Collections the configuration declares are Terraform's to manage (a hand-made addition there is drift).
    expect(kinds).not.toContain('route rtb-1|192.168.0.0/16');
    // With nothing configured, nothing refreshed counts as declared: the route and the rule are reported too.
    const none = emptyManagedSet();
    addManagedState(refreshed, none, () => false);
    const all = (await scanUnmanaged(api, target, none)).map((f) => `${f.kind} ${f.id}`);
    expect(all).toEqual(expect.arrayContaining(['route rtb-1|192.168.0.0/16', `security-group-rule ${ruleKey('sg-1', false, 'tcp', 22, 22, '0.0.0.0/0')}`, 'role-inline-policy kore-node|hotfix']));
    // The separate attachment resource still counts: it is configuration.
    expect(all).not.toContain('role-policy-attachment kore-node|arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy');
  });

  it('makes its AWS calls side by side, never more than SCAN_CALLS_AT_ONCE at a time, with the same findings', async () => {
    let inFlight = 0;
    let most = 0;
    const calls: string[] = [];
    const slow: AwsApi = {
      async call<T>(request: AwsRequest, t: AwsTarget): Promise<T | undefined> {
        calls.push(`${request.service} ${request.operation}`);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return api.call<T>(request, t);
      },
    };
    const roles = { ...target, account: '222222222222' };
    const found = await scanUnmanaged(slow, roles, managed);
    expect(found.map((f) => `${f.kind} ${f.id}`).sort()).toEqual((await scanUnmanaged(api, roles, managed)).map((f) => `${f.kind} ${f.id}`).sort());
    // Seven lists (the roles with their policies in one), one rules call, two taggings.
    expect(calls).toHaveLength(10);
    expect(most).toBe(SCAN_CALLS_AT_ONCE);
  });

  it('reads the states of the account side by side (the drift check\'s --concurrency) and names one it cannot read', async () => {
    const catalogue = defaultCatalogue();
    const stacks = listStacks(catalogue);
    const dev = stacks.find((s) => s.stack === 'dev-us-east-1')!;
    const account = dev.credentials.cloud === 'aws' ? dev.credentials.account : '';
    const sameAccount = stacks.filter((s) => s.layer !== 'bootstrap' && s.credentials.cloud === 'aws' && s.credentials.account === account).map((s) => s.stack);
    expect(sameAccount).toHaveLength(2);
    const broken = sameAccount[1];
    let inFlight = 0;
    let most = 0;
    const runner: TerraformRunner = {
      async run(args, options) {
        const stack = basename(options.cwd);
        if (args.join(' ') !== 'state pull') return { code: 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 };
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (stack === broken) return { code: 1, stdout: '', stderr: 'Error: Failed to load state: AccessDenied', timedOut: false, durationMs: 1 };
        return { code: 0, stdout: pulledState(stack === 'dev-us-east-1' ? stateFixture : []), stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const azure = { graph: async () => [] } as unknown as AzureApi;
    const scan = (concurrency?: number) => runUnmanagedScan({ catalogue, stacks, selected: ['dev-us-east-1'], outdir: mkdtempSync(join(tmpdir(), 'kore-unmanaged-')), runner, api, azure, ignores: [], log: () => undefined, concurrency });
    await scan(1);
    expect(most).toBe(1);
    const report = await scan();
    expect(most).toBe(2);
    expect(report.errors).toEqual([expect.stringMatching(new RegExp(`^state of ${broken} unreadable: .*AccessDenied`))]);
    // What the readable state holds is not reported; what no state holds is.
    expect(report.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['subnet-hand', 'sg-hand']));
    expect(report.findings.map((f) => f.id)).not.toContain('subnet-1');
    // An answer that is no state (a backend proxy's error page, say) is named the same way, and nothing else stops.
    const garbled: TerraformRunner = { run: async (args, options) => ({ code: 0, stdout: args.join(' ') === 'state pull' && basename(options.cwd) === broken ? '<html>502</html>' : '', stderr: '', timedOut: false, durationMs: 1 }) };
    const again = await runUnmanagedScan({ catalogue, stacks, selected: ['dev-us-east-1'], outdir: mkdtempSync(join(tmpdir(), 'kore-unmanaged-')), runner: garbled, api, azure, ignores: [], log: () => undefined });
    expect(again.errors).toEqual([expect.stringMatching(new RegExp(`^state of ${broken} unreadable: not a Terraform state \\(`))]);
    expect(again.scanned).toHaveLength(1);
  });

  it('keeps accepted ones out of the findings with their reason; the ignore file needs reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-ignore-'));
    writeFileSync(join(dir, 'ok.yaml'), '- { kind: security-group, id: "sg-h*", reason: "debug group the on-call keeps for incidents" }\n');
    writeFileSync(join(dir, 'bad.yaml'), '- { id: sg-hand, reason: because }\n');
    const found = await scanUnmanaged(api, target, managed);
    const { reported, ignored } = applyIgnores(found, loadIgnoreFile(join(dir, 'ok.yaml')));
    expect(ignored.map((i) => [i.id, i.reason])).toEqual([['sg-hand', 'debug group the on-call keeps for incidents']]);
    expect(reported).toHaveLength(found.length - 1);
    expect(() => loadIgnoreFile(join(dir, 'bad.yaml'))).toThrow(`${join(dir, 'bad.yaml')}:1:18: entry 0 (sg-hand): needs a reason of at least four words`);
    writeFileSync(join(dir, 'second.yaml'), '- kind: subnet\n  id: subnet-1\n  reason: the network team owns this subnet\n- kind: subnet\n  reason: no id here at all\n');
    expect(() => loadIgnoreFile(join(dir, 'second.yaml'))).toThrow(`${join(dir, 'second.yaml')}:4:3: entry 1: needs an id (a glob is fine)`);
    writeFileSync(join(dir, 'broken.yaml'), '- { id: x, reason: "a b c d"\n');
    expect(() => loadIgnoreFile(join(dir, 'broken.yaml'))).toThrow(new RegExp(`^${join(dir, 'broken.yaml')}:\\d+:\\d+: not valid YAML: `));
    expect(() => loadIgnoreFile(join(dir, 'missing.yaml'))).toThrow(/no such file/);
  });

  it('makes unmanaged findings their own report section and exit code 2 (1 when the scan failed)', async () => {
    const findings = await scanUnmanaged(api, target, managed);
    const report = { ...buildDriftReport([]), unmanaged: { scanned: [{ account: target.account, region: target.region }], findings, ignored: [], errors: [] } };
    expect(driftExitCode(report)).toBe(2);
    expect(driftExitCode({ ...report, unmanaged: { ...report.unmanaged, findings: [] } })).toBe(0);
    expect(driftExitCode({ ...report, unmanaged: { ...report.unmanaged, errors: ['111111111111/us-east-1: aws ec2: AccessDenied'] } })).toBe(1);
    expect(renderDriftMarkdown(report)).toContain('### Unmanaged: 10 found, 0 ignored (111111111111/us-east-1)');
    expect(renderDriftJunit(report)).toMatch(/<testsuite name="unmanaged" tests="10" failures="10" errors="0" skipped="0"/);
  });
});

describe('the commands as users run them', () => {
  const run = async (script: string, args: string[]) => {
    const r = await runCommand(script, args);
    return { ...r, stderr: r.stderr.trim() };
  };
  const out = defaultFleetOut('kore-adopt-cmd-');

  it('adopt lists a stack’s adoptable resources (exit 0)', async () => {
    const r = await run('adopt', ['--stack', 'prod-westeurope', '--cdktf-out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Network\/VNet\s+azurerm_virtual_network\s+resource id/m);
  });

  it.each([
    ['adopt', [], /^adopt: --stack: name an infrastructure stack \(have: dev-us-east-1, staging-us-west-2, prod-us-east-1, /],
    ['adopt', ['--stack', 'dev-us-east-1-platform'], /^adopt: --stack dev-us-east-1-platform: not an infrastructure stack of the catalogue/],
    ['adopt', ['--stack', 'prod-westeurope', '--discover'], /^adopt: --discover: looks in AWS accounts only; for prod-weu \(Azure\) name the resource ids in adopt yourself$/],
    ['drift-check', ['--unmanaged-ignore', 'x.yaml'], /^drift-check: --unmanaged-ignore x\.yaml: no such file$/],
  ])('%s %j: one line, exit 1', async (script, args, message) => {
    const r = await run(script as string, [...(args as string[]), '--cdktf-out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });
});

describe('adopt --discover never proposes what adopting would replace', () => {
  const out = defaultFleetOut('kore-adopt-');
  const resources = adoptableResources(out, 'dev-us-east-1');
  const subnet = resources.find((r) => r.type === 'aws_subnet')!;
  // An account with a foreign VPC holding a subnet of the entry's CIDR, and no VPC of the entry's CIDR.
  const foreign: AwsApi = {
    async call(request: AwsRequest): Promise<any> {
      if (request.operation === 'DescribeVpcs') return { Vpcs: [] };
      if (request.operation === 'DescribeSubnets') {
        // What AWS answers honours the filters: the foreign subnet only when no VPC filter excludes it.
        const vpcFilter = filter(request, 'vpc-id');
        return vpcFilter && !vpcFilter.includes('vpc-foreign') ? { Subnets: [] } : { Subnets: [{ SubnetId: 'subnet-foreign', VpcId: 'vpc-foreign', AvailabilityZone: subnet.config.availability_zone }] };
      }
      return undefined;
    },
  };

  it('proposes no subnet when no VPC of the entry matches (the subnet would belong to another VPC)', async () => {
    const found = await discoverAws(resources, foreign, { region: 'us-east-1' });
    expect(found.filter((f) => f.type === 'aws_subnet')).toEqual([]);
  });

  it('proposes a subnet only inside the proposed VPC and in its declared zone, and says why in the snippet', async () => {
    const calls: AwsRequest[] = [];
    const api: AwsApi = {
      async call(request: AwsRequest): Promise<any> {
        calls.push(request);
        if (request.operation === 'DescribeVpcs') return { Vpcs: [{ VpcId: 'vpc-mine' }] };
        if (request.operation === 'DescribeSubnets') {
          const zone = filter(request, 'availability-zone')?.[0];
          // A subnet of the CIDR in the right VPC but another zone is not proposed.
          return { Subnets: [{ SubnetId: 'subnet-wrong-zone', VpcId: 'vpc-mine', AvailabilityZone: 'us-east-1z' }, ...(zone ? [{ SubnetId: `subnet-${zone}`, VpcId: 'vpc-mine', AvailabilityZone: zone }] : [])] };
        }
        return undefined;
      },
    };
    const found = await discoverAws(resources, api, { region: 'us-east-1' });
    const subnets = found.filter((f) => f.type === 'aws_subnet');
    expect(subnets.length).toBe(resources.filter((r) => r.type === 'aws_subnet').length);
    for (const s of subnets) expect(s.id).not.toBe('subnet-wrong-zone');
    const call = calls.find((c) => c.operation === 'DescribeSubnets')!;
    expect([filter(call, 'vpc-id'), filter(call, 'availability-zone')]).toEqual([['vpc-mine'], [expect.stringMatching(/^us-east-1[a-f]$/)]]);
    const line = adoptSnippet('dev-use1', found).split('\n').find((l) => l.includes(subnet.path))!;
    expect(line).toMatch(/# aws_subnet, by CIDR 10\.[\d./]+ in vpc-mine \(the VPC proposed for aws_vpc\.\S+\), zone us-east-1[a-f]$/);
  });
});

describe('what the unmanaged scan and discovery leave alone or find, guarded at unit level', () => {
  const managed = emptyManagedSet();
  addManagedState(stateInstances([
    { type: 'aws_vpc', attributes: { id: 'vpc-1' } },
    { type: 'aws_route_table', attributes: { id: 'rtb-1' } },
  ]), managed);
  const target = { account: '1', region: 'us-east-1', fleetTagKey: 'kore-region', rolePrefix: 'kore-', includeGlobal: false };
  const api = (groups: any[], routes: any[]): AwsApi => ({
    async call(request: AwsRequest): Promise<any> {
      if (request.operation === 'DescribeVpcs') return { Vpcs: [{ VpcId: 'vpc-1' }] };
      if (request.operation === 'DescribeSecurityGroups') return { SecurityGroups: groups };
      if (request.operation === 'DescribeRouteTables') return { RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: routes }] };
      return undefined;
    },
  });

  it.each([
    ['aws:eks:cluster-name', 'kore'],
    ['kubernetes.io/cluster/kore-prod-use1', 'owned'],
    ['elbv2.k8s.aws/cluster', 'kore-prod-use1'],
  ])('leaves a security group tagged %s (made by a service for the fleet) alone', async (Key, Value) => {
    const found = await scanUnmanaged(api([{ GroupId: 'sg-svc', VpcId: 'vpc-1', GroupName: 'svc', Tags: [{ Key, Value }] }], []), target, managed);
    expect(found).toEqual([]);
    const plain = await scanUnmanaged(api([{ GroupId: 'sg-svc', VpcId: 'vpc-1', GroupName: 'svc', Tags: [{ Key: 'team', Value }] }], []), target, managed);
    expect(plain.map((f) => f.id)).toEqual(['sg-svc']);
  });

  it.each([
    [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }],
    [{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'tgw-attach', Origin: 'CreateRouteTable' }],
    [{ DestinationPrefixListId: 'pl-63a5400a', GatewayId: 'vpce-0abc' }],
  ])('leaves a route AWS made by itself alone: %j', async (route) => {
    expect(await scanUnmanaged(api([], [route]), target, managed)).toEqual([]);
    const byHand = { ...route, GatewayId: 'igw-1', Origin: 'CreateRoute' };
    expect((await scanUnmanaged(api([], [byHand]), target, managed)).map((f) => f.kind)).toEqual(['route']);
  });

  it('discovery proposes a KMS key by the key id its declared alias targets', async () => {
    const out = defaultFleetOut('kore-kms-');
    const resources = adoptableResources(out, 'dev-us-east-1');
    const alias = resources.find((r) => r.type === 'aws_kms_alias')!;
    const key = resources.find((r) => r.type === 'aws_kms_key' && String(alias.config.target_key_id).includes(r.address))!;
    expect(key).toBeDefined();
    const found = await discoverAws(resources, {
      async call(request: AwsRequest): Promise<any> {
        if (request.operation === 'ListAliases') return { Aliases: [{ AliasName: alias.config.name, TargetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, { AliasName: 'alias/other', TargetKeyId: 'ffff' }] };
        return undefined;
      },
    }, { region: 'us-east-1' });
    expect(found.find((f) => f.path === key.path)).toMatchObject({ type: 'aws_kms_key', id: '1234abcd-12ab-34cd-56ef-1234567890ab', matchedBy: `target of ${alias.config.name}` });
    expect(found.find((f) => f.path === alias.path)).toMatchObject({ id: alias.config.name });
  });
});
