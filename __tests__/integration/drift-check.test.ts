import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { driftCheckCommand } from '../../cli/drift/drift-command';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { standardTampering, stateResources, tamper } from '../../cli/sandbox/tamper';
import { realTerraform } from '../../cli/terraform';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The drift check against real Terraform and the emulator: a fresh apply is clean; changes made through the AWS
 * API are reported resource by resource and attribute by attribute, and nothing else; a held lock or a dead
 * endpoint errors that stack only.
 */
describeIntegration('drift check on the emulator', () => {
  const sandbox = new Sandbox();
  let outdir: string;
  let regionsFile: string;
  let region: string;
  const logs: string[] = [];

  const check = (extra: { stacks?: string[]; cdktfOut?: string; lockTimeout?: string; timeoutSeconds?: number } = {}, name = 'report') =>
    driftCheckCommand(
      { out: join(sandbox.dir, name), regions: regionsFile, cdktfOut: extra.cdktfOut ?? outdir, lockTimeout: extra.lockTimeout ?? '60s', timeoutSeconds: extra.timeoutSeconds ?? 600, stacks: extra.stacks },
      { runner: realTerraform, env: sandbox.env, log: (l) => logs.push(l) },
    );
  const readReport = (name = 'report') => JSON.parse(readFileSync(join(sandbox.dir, name, 'drift-report.json'), 'utf8'));

  beforeAll(async () => {
    await sandbox.start();
    const catalogue = sandboxCatalogue({ endpoint: sandbox.moto.url });
    regionsFile = join(sandbox.dir, 'regions.yaml');
    writeFileSync(regionsFile, stringify(catalogue));
    const stacks = sandbox.synth(catalogue, 'out');
    outdir = join(sandbox.dir, 'out');
    region = stacks['dev-us-east-1'];
    // The state store only: bootstrap itself is foundation.test.ts's subject, and the drift check does not read it.
    await sandbox.createStateStores(catalogue);
    // global reads the region's sub-zone name servers from its state: region first
    for (const dir of [region, stacks.global]) {
      await sandbox.tfOk(dir, ['init', '-input=false']);
      await sandbox.tfOk(dir, ['apply', '-input=false', '-auto-approve']);
    }
  }, 600_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('reports a freshly applied fleet clean (no false positives), exit 0', async () => {
    expect(await check({}, 'clean')).toBe(0);
    const report = readReport('clean');
    expect(report.stacks.map((s: any) => [s.stack, s.status, s.drifted, s.pending])).toEqual([
      ['dev-us-east-1', 'clean', [], []],
      ['global', 'clean', [], []],
    ]);
    expect(report.summary).toEqual({ clean: 2, drifted: 0, 'pending-changes': 0, error: 0 });
  }, 600_000);

  it('names each resource and attribute changed behind Terraform\'s back, and nothing else, exit 2', async () => {
    const state = (await sandbox.tfOk(region, ['state', 'pull'])).stdout;
    const { actions, expected } = standardTampering(stateResources(state));
    await tamper(sandbox.moto.url, actions);

    expect(await check({}, 'drifted')).toBe(2);
    const report = readReport('drifted');
    const [stack, global] = report.stacks;
    expect(global.status).toBe('clean');
    expect(stack.status).toBe('drifted');
    const found = Object.fromEntries(stack.drifted.map((d: any) => [d.address, d.attributes.map((a: any) => a.path)]));
    expect(found).toEqual(expected);
    expect(stack.drifted.find((d: any) => d.type === 'aws_route').action).toBe('delete');
    expect(stack.pending).toEqual([]);
    // Every entry names its construct; the added rule is shown whole, as an added element of the set.
    for (const d of stack.drifted) expect(d.path).toMatch(/^dev-us-east-1\/Network\/|^dev-us-east-1\/Cluster\//);
    const ingress = stack.drifted.find((d: any) => d.type === 'aws_default_security_group').attributes.find((a: any) => a.path === 'ingress');
    expect(ingress.removed).toEqual([]);
    expect(ingress.added).toHaveLength(1);
    expect(JSON.parse(ingress.added[0])).toMatchObject({ cidr_blocks: ['198.51.100.0/24'], from_port: 22, to_port: 22, protocol: 'tcp' });
    expect(report.resources).toEqual({ drifted: 4, pending: 0 });

    const md = readFileSync(join(sandbox.dir, 'drifted', 'drift-report.md'), 'utf8');
    expect(md).toMatch(/^## Drift check .*: 1 drifted, 0 errors, 0 with pending changes, 1 clean$/m);
    expect(md).toMatch(/^- ⚠️ `dev-us-east-1` drifted: 4 resources changed outside Terraform \(\d+\.\ds\)$/m);
    expect(md).toContain('  - `scaling_config[0].max_size`: `2` → `3`');
    expect(md).toMatch(/- `aws_route\.[^`]+` \(dev-us-east-1\/Network\/Route-private-[^)]+\) deleted outside Terraform/);
    const xml = readFileSync(join(sandbox.dir, 'drifted', 'drift-report.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="drift-check" tests="2" failures="1" errors="0"');
    expect(xml).toMatch(/<testcase classname="drift-check" name="dev-us-east-1" time="[\d.]+">\s*<failure type="drift" message="4 resources changed outside Terraform">/);
    expect(xml).toMatch(/<testcase classname="drift-check" name="global" time="[\d.]+"\/>/);
  }, 600_000);

  it('tells configuration not yet applied apart from drift', async () => {
    const pendingOut = join(sandbox.dir, 'pending-out');
    cpSync(outdir, pendingOut, { recursive: true });
    const file = join(pendingOut, 'stacks', 'global', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const [zone] = Object.values(json.resource.aws_route53_zone) as { comment: string }[];
    zone.comment = 'changed in a merged PR, not applied yet';
    writeFileSync(file, JSON.stringify(json));
    expect(await check({ stacks: ['global'], cdktfOut: pendingOut }, 'pending')).toBe(0);
    const [global] = readReport('pending').stacks;
    expect(readReport('pending').stacks).toHaveLength(1);
    expect(global.status).toBe('pending-changes');
    expect(global.pending).toEqual([{ address: expect.stringMatching(/^aws_route53_zone\./), action: 'update', path: 'global/ParentZone/Zone' }]);
  }, 600_000);

  it('keeps a configuration change on a resource that also drifted, as pending, with what the drift does not explain', async () => {
    const out = join(sandbox.dir, 'both-out');
    cpSync(outdir, out, { recursive: true });
    const file = join(out, 'stacks', 'dev-us-east-1', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const [vpc] = Object.values(json.resource.aws_vpc) as { enable_dns_hostnames: boolean }[];
    vpc.enable_dns_hostnames = false; // merged, not applied; the VPC's tags drifted in the test before
    writeFileSync(file, JSON.stringify(json));
    expect(await check({ stacks: ['dev-us-east-1'], cdktfOut: out }, 'both')).toBe(2);
    const [stack] = readReport('both').stacks;
    expect(stack.status).toBe('drifted');
    const vpcAddress = stack.drifted.find((d: any) => d.type === 'aws_vpc').address;
    expect(stack.pending).toEqual([{ address: vpcAddress, action: 'update', attributes: ['enable_dns_hostnames'], path: 'dev-us-east-1/Network/Vpc' }]);
    expect(readReport('both').resources.pending).toBe(1);
  }, 600_000);

  it('errors a stack whose state lock is held, within the lock timeout, and still checks the others', async () => {
    // An interactive apply plans (the drift gives it changes) and waits at the prompt holding the lock.
    const holder = spawn('terraform', ['apply', '-no-color', '-input=true'], { cwd: region, env: { ...process.env, ...sandbox.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    holder.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const closed = new Promise((r) => holder.on('close', r));
    const deadline = Date.now() + 180_000;
    while (!/Enter a value/.test(out)) {
      if (Date.now() > deadline) throw new Error(`holder never reached the prompt:\n${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    try {
      // The lock timeout is what bounds the wait (the jest timeout is only a safety net): no wall clock here.
      expect(await check({ lockTimeout: '3s' }, 'locked')).toBe(1);
      const [stack, global] = readReport('locked').stacks;
      expect(stack.status).toBe('error');
      expect(stack.error).toMatch(/Error acquiring the state lock/);
      expect(global.status).toBe('clean');
    } finally {
      holder.stdin.write('no\n');
      holder.stdin.end();
      await closed;
    }
  }, 600_000);

  it('errors a stack pointed at a dead endpoint and still checks the others', async () => {
    const deadOut = join(sandbox.dir, 'dead-out');
    cpSync(outdir, deadOut, { recursive: true });
    const file = join(deadOut, 'stacks', 'global', 'cdk.tf.json');
    writeFileSync(file, readFileSync(file, 'utf8').split(sandbox.moto.url).join('https://127.0.0.1:9'));
    // A generous per-stack timeout: on a busy machine the live stack's plans take minutes, and the dead endpoint
    // fails init on its own (connection refused) long before any timeout.
    expect(await check({ cdktfOut: deadOut, timeoutSeconds: 900 }, 'dead')).toBe(1);
    const [stack, global] = readReport('dead').stacks;
    expect(global.status).toBe('error');
    expect(global.error).toMatch(/terraform init (failed|timed out)|timed out after/);
    expect(stack.status).toBe('drifted');
  }, 1_200_000);
});
