import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClientConfig, awsSdk, AwsApi } from '../../cli/aws/aws-api';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import type { CatalogueInput } from '../../regions/schema';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * A VM service on the emulator, with real applies of the region's network and the service (targeted: the cluster
 * is not the subject): the Auto Scaling group comes up from its launch template behind the internal NLB; a new AMI
 * id plans an in-place launch template version and an in-place group update — no replacement — and the plan report
 * calls it a rolling replacement; after the apply the group launches from the new version and a re-plan is empty.
 * An instance launched by hand next to the group's is what the unmanaged scan reports; the group's own are not.
 * moto 5.2 has no instance refresh API, so sandbox groups are made without one (emulatorQuirks); the refresh's
 * configuration is held at synth level (__tests__/vm).
 */
describeIntegration('VM services on the emulator', () => {
  const sandbox = new Sandbox();
  const STACK = 'dev-us-east-1';
  const GROUP = 'kore-sandbox-use1-legacy';
  let api: AwsApi;
  let target: { region: string; endpoint: string };
  let v1: Record<string, string>;
  const files: Record<string, string> = {};

  const catalogueWith = (ami: string): CatalogueInput =>
    sandboxCatalogue({
      endpoint: sandbox.moto.url,
      region: { vmServices: [{ name: 'legacy', image: { ami }, size: 't3.micro', capacity: { min: 1, desired: 2, max: 3 }, ports: [8080], healthCheck: { path: '/health' } }] },
    });
  const write = (name: string, c: CatalogueInput) => {
    files[name] = join(sandbox.dir, `${name}.json`);
    writeFileSync(files[name], JSON.stringify(c));
    return sandbox.synth(c, name);
  };
  /** The VM service's resources and what they need (the network), nothing of the cluster. */
  const targets = (dir: string) => {
    const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
    return Object.entries<Record<string, unknown>>(json.resource)
      .flatMap(([type, byName]) => Object.keys(byName).filter((n) => n.startsWith('VmService-legacy_')).map((n) => `-target=${type}.${n}`));
  };
  const command = (script: string, args: string[]) => sandbox.command(script, args);
  const group = async () => (await api.call<any>({ service: 'autoscaling', operation: 'DescribeAutoScalingGroups', input: { AutoScalingGroupNames: [GROUP] } }, target)).AutoScalingGroups[0];

  beforeAll(async () => {
    await sandbox.start();
    api = awsSdk(sandbox.env);
    target = { region: 'us-east-1', endpoint: sandbox.moto.url };
    v1 = write('v1', catalogueWith('ami-1e749f67'));
    await sandbox.bootstrap(v1.bootstrap);
  }, 300_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('brings the group up from its launch template: no public IP, IMDSv2, the AMI asked for, behind the NLB', async () => {
    const dir = v1[STACK];
    await sandbox.tfOk(dir, ['init', '-input=false']);
    await sandbox.tfOk(dir, ['apply', '-input=false', '-auto-approve', ...targets(dir)], { timeoutMs: 900_000 });
    const g = await group();
    expect({ min: g.MinSize, max: g.MaxSize, desired: g.DesiredCapacity, health: g.HealthCheckType, version: g.LaunchTemplate?.Version, tgs: g.TargetGroupARNs.length }).toEqual({ min: 1, max: 3, desired: 2, health: 'ELB', version: '1', tgs: 1 });
    expect(g.Instances).toHaveLength(2);
    const lt = (await api.call<any>({ service: 'ec2', operation: 'DescribeLaunchTemplateVersions', input: { LaunchTemplateId: g.LaunchTemplate.LaunchTemplateId } }, target)).LaunchTemplateVersions[0].LaunchTemplateData;
    expect({ image: lt.ImageId, tokens: lt.MetadataOptions.HttpTokens, hops: lt.MetadataOptions.HttpPutResponseHopLimit, publicIp: lt.NetworkInterfaces[0].AssociatePublicIpAddress, key: lt.KeyName }).toEqual({ image: 'ami-1e749f67', tokens: 'required', hops: 1, publicIp: false, key: undefined });
    // The one service the fleet's tools never read: its own client, configured as theirs are.
    const lbs = (await new ElasticLoadBalancingV2Client(awsClientConfig(target, sandbox.env)).send(new DescribeLoadBalancersCommand({ Names: [GROUP] }))).LoadBalancers!;
    expect(lbs.map((l: any) => [l.Scheme, l.Type])).toEqual([['internal', 'network']]);
  }, 1_200_000);

  it('bumps the image as an in-place launch template version (a rolling replacement in the report), then plans empty', async () => {
    const v2 = write('v2', catalogueWith('ami-35e92e4c'));
    const dir = v2[STACK];
    await sandbox.tfOk(dir, ['init', '-input=false']);
    await sandbox.tfOk(dir, ['plan', '-input=false', '-out=bump.tfplan', ...targets(dir)]);
    const show = JSON.parse((await sandbox.tfOk(dir, ['show', '-json', 'bump.tfplan'])).stdout);
    const changes = show.resource_changes.filter((c: any) => !c.change.actions.includes('no-op') && c.mode === 'managed');
    expect(changes.map((c: any) => [c.type, c.change.actions])).toEqual(expect.arrayContaining([['aws_launch_template', ['update']], ['aws_autoscaling_group', ['update']]]));
    for (const c of changes) expect([c.address, c.change.actions]).not.toEqual([c.address, expect.arrayContaining(['delete'])]);
    // The plan report, as the PR shows it.
    writeFileSync(join(sandbox.dir, 'bump.json'), JSON.stringify(show));
    const report = await command('plan-report', ['--regions', files.v2, '--plan-json', `${STACK}=${join(sandbox.dir, 'bump.json')}`, '--out', join(sandbox.dir, 'report')]);
    expect(report.code).toBe(0);
    const md = readFileSync(join(sandbox.dir, 'report', 'plan-report.md'), 'utf8');
    expect(md).toMatch(/`~` update `aws_launch_template\.VmService-legacy_LaunchTemplate_\w+`( \([^)]*\))? \[rolling replacement: the group's instance refresh/);
    expect(md).not.toContain('### ⚠ Destroys');

    await sandbox.tfOk(dir, ['apply', '-input=false', 'bump.tfplan'], { timeoutMs: 900_000 });
    const g = await group();
    expect(g.LaunchTemplate.Version).toBe('2');
    const versions = (await api.call<any>({ service: 'ec2', operation: 'DescribeLaunchTemplateVersions', input: { LaunchTemplateId: g.LaunchTemplate.LaunchTemplateId } }, target)).LaunchTemplateVersions;
    expect(versions.map((v: any) => [v.VersionNumber, v.LaunchTemplateData.ImageId, v.DefaultVersion]).sort()).toEqual([[1, 'ami-1e749f67', false], [2, 'ami-35e92e4c', true]]);
    const replan = await sandbox.tf(dir, ['plan', '-input=false', '-detailed-exitcode', ...targets(dir)]);
    expect({ code: replan.code, out: replan.stdout.match(/No changes\./)?.[0] }).toEqual({ code: 0, out: 'No changes.' });
  }, 1_200_000);

  it('reports an instance launched by hand into the group\'s subnet with the fleet\'s tag, and none of the group\'s own', async () => {
    const g = await group();
    const subnet = g.VPCZoneIdentifier.split(',')[0];
    const run = await api.call<any>({ service: 'ec2', operation: 'RunInstances', input: { ImageId: 'ami-35e92e4c', InstanceType: 't3.micro', SubnetId: subnet, MinCount: 1, MaxCount: 1, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'kore-region', Value: 'sandbox-use1' }, { Key: 'kore-vm-service', Value: 'legacy' }] }] } }, target);
    const byHand = run.Instances[0].InstanceId;
    const out = join(sandbox.dir, 'drift');
    const r = await command('drift-check', ['--stacks', STACK, '--unmanaged', '--regions', files.v2, '--cdktf-out', join(sandbox.dir, 'v2'), '--out', out]);
    expect(r.code).toBe(2);
    const findings = JSON.parse(readFileSync(join(out, 'drift-report.json'), 'utf8')).unmanaged.findings;
    const instances = findings.filter((f: any) => f.kind === 'instance');
    expect(instances).toEqual([expect.objectContaining({ id: byHand, detail: expect.stringMatching(/^launched by hand in fleet VPC vpc-\w+ \(subnet subnet-\w+\), in no state$/) })]);
    for (const i of g.Instances) expect(findings.map((f: any) => f.id)).not.toContain(i.InstanceId);
  }, 900_000);
});
