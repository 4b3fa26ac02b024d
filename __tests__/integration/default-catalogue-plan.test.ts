import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeEmulatorOverride } from '../../cli/sandbox/emulator-override';
import { tamper } from '../../cli/sandbox/tamper';
import { iamRoleArn } from '../../regions/automation';
import { DEFAULT_CATALOGUE } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { stateStoresOf } from '../../regions/state-stores';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The default catalogue — not a reduced sandbox variant — planned by real Terraform: every AWS stack (bootstrap, the
 * four AWS region infrastructure stacks, global) runs `terraform init` and `terraform plan` unchanged, with every
 * feature on (access entries, add-ons, TLS-only policies, account pinning), pointed at the emulator only by an
 * override file written at plan time. Each provider enters its pinned account through that account's CI plan role,
 * as the pipelines do, so `allowed_account_ids` is checked for real.
 *
 * What the emulator cannot serve, and how the test stands in for it:
 * - the state stores are created through the emulator's API instead of by applying bootstrap: bootstrap's TLS-only
 *   bucket policy (a Deny on aws:SecureTransport=false) locks everyone out of a moto bucket, because moto has no
 *   SecureTransport context; bootstrap itself is planned like every other stack;
 * - the global stack reads each region's zone name servers from that region's state; a PR plan of a new fleet has
 *   no region state yet, so the region states are seeded with those outputs; prod-westeurope's state lives in an
 *   azurerm backend, which no emulator here serves, so its stand-in state is read from the emulator's S3.
 * The Azure and in-cluster (platform) stacks cannot be planned here: no azurerm, kubernetes or helm provider
 * binary exists on these machines (they are verified at synth level).
 */
const AWS_REGION_STACKS = ['dev-us-east-1', 'staging-us-west-2', 'prod-us-east-1', 'prod-ap-southeast-1'];
const NAME_SERVERS = ['ns-1.emulator.test.', 'ns-2.emulator.test.'];

describeIntegration('the default catalogue planned on the emulator', () => {
  const sandbox = new Sandbox();
  const catalogue = parseCatalogue(DEFAULT_CATALOGUE, 'default catalogue');
  const stores = stateStoresOf(catalogue).flatMap((s) => (s.backend === 's3' ? [s] : []));
  let stacks: Record<string, string>;
  const json = (stack: string) => JSON.parse(readFileSync(join(stacks[stack], 'cdk.tf.json'), 'utf8'));
  const options = () => ({
    endpoint: sandbox.moto.url,
    roleArnOf: (account: string) => iamRoleArn(account, 'kore-ci-plan'),
    accountOfBucket: (bucket: string) => stores.find((s) => s.bucket === bucket)!.account,
    standIns: { 'cross-stack-reference-input-prod-westeurope': { bucket: stores[0].bucket, key: 'emulator-stand-in/prod-westeurope.tfstate', region: stores[0].region } },
  });

  /** init + plan + show -json of one stack; returns the plan JSON. */
  async function plan(stack: string): Promise<any> {
    writeEmulatorOverride(stacks[stack], json(stack), options());
    await sandbox.tfOk(stacks[stack], ['init', '-input=false']);
    await sandbox.tfOk(stacks[stack], ['plan', '-input=false', '-lock-timeout=60s', '-out=tfplan']);
    return JSON.parse((await sandbox.tfOk(stacks[stack], ['show', '-json', 'tfplan'])).stdout);
  }

  /** Managed resources a synthesized stack declares (what a first plan must create, one each). */
  const declared = (stack: string) => Object.values(json(stack).resource as Record<string, object>).reduce((n, items) => n + Object.keys(items).length, 0);
  const creates = (p: any) => p.resource_changes.filter((c: any) => c.mode === 'managed' && c.change.actions.join() === 'create');

  beforeAll(async () => {
    await sandbox.start();
    stacks = sandbox.synth(DEFAULT_CATALOGUE);
    await sandbox.createStateStores(DEFAULT_CATALOGUE);
    // The VM services' images, as the image pipeline leaves them: an AMI matching each name filter, in its account.
    const images = catalogue.regions.flatMap((e) => e.vmServices.flatMap((s) => ('amiName' in s.image ? [{ kind: 'create-image' as const, account: e.account, region: e.region, name: s.image.amiName.replace(/\*/g, '1') }] : [])));
    expect(images.length).toBeGreaterThan(0);
    await tamper(sandbox.moto.url, images);
  }, 300_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('plans bootstrap: every AWS state store, each in its own account through its bootstrap role', async () => {
    const p = await plan('bootstrap');
    expect(creates(p)).toHaveLength(declared('bootstrap'));
    expect(p.resource_changes.filter((c: any) => c.type === 'aws_s3_bucket').map((c: any) => c.change.after.bucket).sort()).toEqual(stores.map((s) => s.bucket).sort());
  }, 600_000);

  it.each(AWS_REGION_STACKS)('plans %s with every feature on: one create per declared resource, nothing else', async (stack) => {
    const p = await plan(stack);
    expect(p.errored).toBe(false);
    expect(creates(p)).toHaveLength(declared(stack));
    expect(p.resource_changes.filter((c: any) => c.change.actions.join() !== 'create' && c.mode === 'managed')).toEqual([]);
    const types = new Set(creates(p).map((c: any) => c.type));
    for (const t of ['aws_eks_cluster', 'aws_eks_node_group', 'aws_eks_access_entry', 'aws_eks_addon', 'aws_vpc', 'aws_flow_log', 'aws_route53_zone']) expect(types).toContain(t);
    // The VM service of the canary region: its group, launched from the AMI its name filter finds at plan time.
    if (stack === 'prod-us-east-1') {
      expect([...types]).toEqual(expect.arrayContaining(['aws_autoscaling_group', 'aws_launch_template', 'aws_lb', 'aws_lb_target_group']));
      const lt = creates(p).find((c: any) => c.type === 'aws_launch_template' && c.address.includes('VmService-billing'));
      expect(lt.change.after.image_id).toMatch(/^ami-/);
    }
    // The CI identities of the stack's own account get their cluster access.
    const account = catalogue.regions.find((e) => `${e.environment}-${e.region}` === stack)!.account;
    const principals = creates(p).filter((c: any) => c.type === 'aws_eks_access_entry').map((c: any) => c.change.after.principal_arn);
    expect(principals).toEqual(expect.arrayContaining([iamRoleArn(account, 'kore-ci-plan'), iamRoleArn(account, 'kore-ci-apply')]));
  }, 600_000);

  it('checks the account pin for real: credentials of another account are refused before any change', async () => {
    const dir = stacks['dev-us-east-1'];
    writeEmulatorOverride(dir, json('dev-us-east-1'), { ...options(), roleArnOf: () => iamRoleArn('333333333333', 'kore-ci-plan'), stateRoleArnOf: options().roleArnOf });
    const r = await sandbox.tf(dir, ['plan', '-input=false', '-refresh=false', '-lock=false']);
    expect({ code: r.code, out: (r.stderr + r.stdout).slice(0, 2000) }).toEqual({ code: 1, out: expect.stringMatching(/AWS account ID not allowed: 333333333333/) });
  }, 600_000);

  it('plans global after the regions: one delegation per region sub-zone, on both clouds, and the latency records', async () => {
    // What the regions' applies would have left in their states: the name servers global delegates to, the
    // cert-manager roles (EKS) and cluster issuers (AKS) its ACME challenge role trusts.
    const standInOutput = (output: string) =>
      /name_servers/.test(output)
        ? { value: NAME_SERVERS, type: ['list', 'string'] }
        : { value: /arn/.test(output) ? 'arn:aws:iam::111111111111:role/stand-in-cert-manager' : 'https://issuer.stand-in.example/cluster', type: 'string' };
    const global = json('global');
    const seeds = Object.entries(global.data.terraform_remote_state as Record<string, any>).map(([name, r]) => {
      const outputs = Object.fromEntries(
        [...JSON.stringify(global).matchAll(new RegExp(`terraform_remote_state\\.${name}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => [m[1], standInOutput(m[1])]),
      );
      const body = JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: `seed-${name}`, outputs, resources: [], check_results: null });
      const standIn = options().standIns[name as keyof ReturnType<typeof options>['standIns']];
      const where = standIn ?? { bucket: r.config.bucket, key: r.config.key, region: r.config.region };
      return { kind: 'put-object' as const, account: options().accountOfBucket(where.bucket), region: where.region, bucket: where.bucket, key: where.key, body };
    });
    expect(seeds).toHaveLength(catalogue.regions.length);
    await tamper(sandbox.moto.url, seeds);

    const p = await plan('global');
    expect(creates(p)).toHaveLength(declared('global'));
    const ns = creates(p).filter((c: any) => c.type === 'aws_route53_record' && c.change.after.type === 'NS');
    expect(ns.map((c: any) => c.change.after.name).sort()).toEqual(catalogue.regions.map((e) => e.dns.zone).sort());
    for (const c of ns) expect(c.change.after.records).toEqual(NAME_SERVERS);
    expect(creates(p).filter((c: any) => c.type === 'aws_route53_health_check')).toHaveLength(catalogue.globalNames.artifactory!.regions.length);
  }, 600_000);
});
