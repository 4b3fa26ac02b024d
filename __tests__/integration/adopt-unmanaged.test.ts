import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { awsSdk, AwsApi } from '../../cli/aws/aws-api';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * Adoption and the unmanaged scan on the emulator. Resources made beforehand with the AWS API are found by
 * `npm run adopt -- --discover`, adopted through the catalogue (the plan imports them and creates nothing in their
 * place), applied, and re-planned empty. Then things made by hand with the fleet's marks — a security group, a
 * subnet, a tagged bucket, a policy attached to a fleet role — are what `npm run drift-check -- --unmanaged` reports,
 * and nothing managed is; the ignore file keeps an accepted one out.
 */
describeIntegration('adoption and unmanaged resources on the emulator', () => {
  const sandbox = new Sandbox();
  let api: AwsApi;
  let target: { region: string; endpoint: string };
  let catalogueFile: string;
  let stacks: Record<string, string>;
  const made: Record<string, string> = {};
  const STACK = 'dev-us-east-1';

  const command = (script: string, args: string[]) => sandbox.command(script, args);

  beforeAll(async () => {
    await sandbox.start();
    api = awsSdk(sandbox.env);
    target = { region: 'us-east-1', endpoint: sandbox.moto.url };
    const catalogue = sandboxCatalogue({ endpoint: sandbox.moto.url });
    catalogueFile = join(sandbox.dir, 'catalogue.json');
    writeFileSync(catalogueFile, JSON.stringify(catalogue));
    stacks = sandbox.synth(catalogue, 'plain');
    // What exists before the fleet takes over: the VPC, two of its subnets and the filestore bucket, made by hand.
    const json = JSON.parse(readFileSync(join(stacks[STACK], 'cdk.tf.json'), 'utf8'));
    const vpc = Object.values(json.resource.aws_vpc as Record<string, any>)[0];
    made.vpc = (await api.call<any>({ service: 'ec2', operation: 'CreateVpc', input: { CidrBlock: vpc.cidr_block } }, target)).Vpc.VpcId;
    const subnets = Object.values(json.resource.aws_subnet as Record<string, any>).filter((s) => String(s['//'].metadata.path).includes('Subnet-private')).slice(0, 2);
    for (const [i, s] of subnets.entries()) {
      made[`subnet${i}`] = (await api.call<any>({ service: 'ec2', operation: 'CreateSubnet', input: { VpcId: made.vpc, CidrBlock: s.cidr_block, AvailabilityZone: s.availability_zone } }, target)).Subnet.SubnetId;
    }
    await api.call({ service: 's3', operation: 'CreateBucket', input: { Bucket: 'kore-sandbox-use1-artifactory-filestore' } }, target);
    await sandbox.bootstrap(stacks.bootstrap);
  }, 300_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('discovers the existing resources, adopts them (imports, no creates), applies, and re-plans empty', async () => {
    const discover = await command('adopt', ['--stack', STACK, '--discover', '--regions', catalogueFile, '--cdktf-out', join(sandbox.dir, 'plain')]);
    expect(discover.code).toBe(0);
    const adopt: Record<string, string> = parse(discover.stdout).adopt;
    expect(adopt).toMatchObject({ 'Network/Vpc': made.vpc, 'ArtifactoryBacking/Bucket': 'kore-sandbox-use1-artifactory-filestore' });
    expect(Object.values(adopt)).toEqual(expect.arrayContaining([made.subnet0, made.subnet1]));
    expect(Object.keys(adopt)).toHaveLength(4);

    const catalogue = JSON.parse(readFileSync(catalogueFile, 'utf8'));
    catalogue.regions[0].adopt = adopt;
    writeFileSync(catalogueFile, JSON.stringify(catalogue));
    stacks = sandbox.synth(catalogue, 'adopted');
    const dir = stacks[STACK];
    await sandbox.tfOk(dir, ['init', '-input=false']);
    const plan = await sandbox.tfOk(dir, ['plan', '-input=false', '-out=adopt.tfplan']);
    expect(plan.stdout).toMatch(/Plan: 4 to import, \d+ to add/);
    const show = JSON.parse((await sandbox.tfOk(dir, ['show', '-json', 'adopt.tfplan'])).stdout);
    const imported = show.resource_changes.filter((c: any) => c.change.importing);
    expect(imported.map((c: any) => c.change.importing.id).sort()).toEqual(Object.values(adopt).sort());
    for (const c of imported) expect(c.change.actions).not.toContain('create');
    await sandbox.tfOk(dir, ['apply', '-input=false', 'adopt.tfplan']);
    const replan = await sandbox.tf(dir, ['plan', '-input=false', '-detailed-exitcode']);
    expect({ code: replan.code, out: replan.stdout.match(/No changes\./)?.[0] }).toEqual({ code: 0, out: 'No changes.' });
  }, 1_500_000);

  it('reports what was made by hand with the fleet’s marks, and nothing managed; the ignore file keeps one out', async () => {
    const fleetTag = { Key: 'kore-region', Value: 'sandbox-use1' };
    made.sg = (await api.call<any>({ service: 'ec2', operation: 'CreateSecurityGroup', input: { GroupName: 'debug-by-hand', Description: 'made by hand', VpcId: made.vpc } }, target)).GroupId;
    made.handSubnet = (await api.call<any>({ service: 'ec2', operation: 'CreateSubnet', input: { VpcId: made.vpc, CidrBlock: '10.99.250.0/24' } }, target)).Subnet.SubnetId;
    await api.call({ service: 's3', operation: 'CreateBucket', input: { Bucket: 'kore-hand-made' } }, target);
    await api.call({ service: 's3', operation: 'PutBucketTagging', input: { Bucket: 'kore-hand-made', Tagging: { TagSet: [fleetTag] } } }, target);
    await api.call({ service: 'iam', operation: 'AttachRolePolicy', input: { RoleName: 'kore-sandbox-use1-node', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, target);

    const out = join(sandbox.dir, 'reports');
    const args = ['--stacks', STACK, '--unmanaged', '--regions', catalogueFile, '--cdktf-out', join(sandbox.dir, 'adopted'), '--out', out];
    const r = await command('drift-check', args);
    expect({ code: r.code, tail: r.stderr.trim().split('\n').at(-1) }).toEqual({ code: 2, tail: expect.stringMatching(/0 drifted, 0 errors, 0 pending, 1 clean .*; 4 unmanaged, 0 ignored; wrote /) });
    const report = JSON.parse(readFileSync(join(out, 'drift-report.json'), 'utf8'));
    expect(report.unmanaged.findings.map((f: any) => [f.kind, f.id]).sort()).toEqual([
      ['role-policy-attachment', 'kore-sandbox-use1-node|arn:aws:iam::aws:policy/AdministratorAccess'],
      ['s3-bucket', 'kore-hand-made'],
      ['security-group', made.sg],
      ['subnet', made.handSubnet],
    ].sort());
    expect(readFileSync(join(out, 'drift-report.md'), 'utf8')).toContain('### Unmanaged: 4 found, 0 ignored');
    expect(readFileSync(join(out, 'drift-report.xml'), 'utf8')).toMatch(/<testsuite name="unmanaged" tests="4" failures="4"/);

    const ignore = join(sandbox.dir, 'unmanaged-ignore.yaml');
    writeFileSync(ignore, `- kind: security-group\n  id: ${made.sg}\n  reason: the on-call keeps this debug group during the incident\n`);
    const again = await command('drift-check', [...args, '--unmanaged-ignore', ignore]);
    expect(again.code).toBe(2);
    const second = JSON.parse(readFileSync(join(out, 'drift-report.json'), 'utf8'));
    expect(second.unmanaged.findings).toHaveLength(3);
    expect(second.unmanaged.ignored).toEqual([expect.objectContaining({ id: made.sg, reason: 'the on-call keeps this debug group during the incident' })]);

    // An inline policy put on the managed role by hand; then an ordinary apply with no configuration change, which
    // refreshes the attachment and the inline policy into the role's state: both are still reported.
    await api.call({ service: 'iam', operation: 'PutRolePolicy', input: { RoleName: 'kore-sandbox-use1-node', PolicyName: 'hotfix', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) } }, target);
    const dir = stacks[STACK];
    await sandbox.tfOk(dir, ['apply', '-input=false', '-auto-approve']);
    const state = JSON.parse((await sandbox.tfOk(dir, ['show', '-json'])).stdout);
    const role = state.values.root_module.resources.find((x: any) => x.type === 'aws_iam_role' && x.values.name === 'kore-sandbox-use1-node');
    expect(role.values.managed_policy_arns).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    const third = await command('drift-check', args);
    expect(third.code).toBe(2);
    const after = JSON.parse(readFileSync(join(out, 'drift-report.json'), 'utf8'));
    expect(after.unmanaged.findings.map((f: any) => [f.kind, f.id])).toEqual(expect.arrayContaining([
      ['role-policy-attachment', 'kore-sandbox-use1-node|arn:aws:iam::aws:policy/AdministratorAccess'],
      ['role-inline-policy', 'kore-sandbox-use1-node|hotfix'],
    ]));
  }, 1_200_000);
});
