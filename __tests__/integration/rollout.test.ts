import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sandboxFleetCatalogue } from '../../cli/sandbox/sandbox-fleet';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The rollout on the emulator, with real `terraform apply`: a fleet of dev, staging, a production canary and one
 * more production region, rolled out by `npm run rollout` as a user (or a pipeline) runs it. A failing canary gate
 * stops the later waves; once healthy, the remaining waves apply; a change to one entry marks only its stack; a
 * canary that degrades is rolled back; a region removed from the catalogue is destroyed and its state archived.
 */
describeIntegration('rollout on the emulator', () => {
  const sandbox = new Sandbox();
  let server: Server;
  let healthy = false;
  /** Answers 503 this many more times before following `healthy`: a canary that degrades on its new configuration. */
  let failNext = 0;
  let catalogueFile: string;
  let stacks: Record<string, string>;
  const out = () => join(sandbox.dir, 'out');
  const report = () => join(sandbox.dir, 'reports');

  /** `npm run rollout -- …` in a child process, with the emulator's environment. */
  const rollout = (args: string[]) =>
    new Promise<{ code: number; stderr: string; stdout: string }>((resolve) => {
      const env = Object.fromEntries(Object.entries({ ...process.env, ...sandbox.env, KORE_REGIONS: '', TF_CLI_ARGS_plan: '-parallelism=4', TF_CLI_ARGS_apply: '-parallelism=4' }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
      const child = spawn(process.execPath, [join('bin', 'run.js'), 'rollout', ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  const managed = async (stack: string) => {
    await sandbox.tfOk(stacks[stack], ['init', '-input=false']);
    const r = await sandbox.tf(stacks[stack], ['state', 'list']);
    return r.stdout.split('\n').filter(Boolean).length;
  };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      const ok = failNext > 0 ? (failNext--, false) : healthy;
      res.writeHead(ok ? 200 : 503);
      res.end(ok ? 'OK' : 'degraded');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    await sandbox.start();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
    const catalogue = sandboxFleetCatalogue({ endpoint: sandbox.moto.url, canaryCheckUrl: url });
    catalogueFile = join(sandbox.dir, 'fleet.json');
    writeFileSync(catalogueFile, JSON.stringify(catalogue));
    stacks = sandbox.synth(catalogue, 'out');
    await sandbox.bootstrap(stacks.bootstrap);
  }, 300_000);
  afterAll(async () => {
    server?.close();
    await sandbox.stop();
  }, 60_000);

  it('rolls out wave by wave and stops at a failing canary gate: the later waves are not applied, and the report says why', async () => {
    const r = await rollout(['run', '--regions', catalogueFile, '--cdktf-out', out(), '--bake', '0s', '--report-dir', report()]);
    // On failure, say which stack failed and why (the report holds terraform's first error).
    expect({ code: r.code, last: r.stderr.trim().split('\n').at(-1), why: r.code === 2 && /failed in wave/.test(r.stderr) ? readFileSync(join(report(), 'rollout-run.md'), 'utf8') : undefined }).toEqual({
      why: undefined,
      code: 2,
      last: 'rollout: stopped — the health gate of wave 2 failed (prod-use2 ping: answered 503 (expected 200))',
    });
    const run = JSON.parse(readFileSync(join(report(), 'rollout-run.json'), 'utf8'));
    expect(run.waves.map((w: any) => [w.wave, w.outcome.split(/[;(]/)[0].trim()])).toEqual([
      [0, 'applied'],
      [1, 'applied'],
      [2, 'applied'],
      [3, 'not applied: the health gate of wave 2 failed'],
      [4, 'not applied: the health gate of wave 2 failed'],
    ]);
    expect(readFileSync(join(report(), 'rollout-run.md'), 'utf8')).toContain('| 3 | prod | not applied: the health gate of wave 2 failed (prod-use2 ping: answered 503 (expected 200)) |');
    for (const s of ['dev-us-east-1', 'staging-us-west-2', 'prod-us-east-2']) expect(await managed(s)).toBeGreaterThan(20);
    expect(await managed('prod-eu-west-1')).toBe(0);
    expect(await managed('global')).toBe(0);
  }, 2_400_000);

  it('applies the remaining waves once the canary is healthy, and a second apply finds nothing to change', async () => {
    healthy = true;
    const gate = await rollout(['gate', '--wave', '2', '--bake', '2s', '--interval', '1s', '--regions', catalogueFile, '--report-dir', report()]);
    expect(gate.code).toBe(0);
    expect(gate.stderr).toMatch(/rollout gate: passed \(\d+ rounds\)/);
    for (const wave of ['3', '4']) {
      const r = await rollout(['apply', '--wave', wave, '--regions', catalogueFile, '--cdktf-out', out(), '--report-dir', report()]);
      expect({ wave, code: r.code, tail: r.stderr.trim().split('\n').at(-1) }).toEqual({ wave, code: 0, tail: expect.stringMatching(new RegExp(`^rollout: wave ${wave} applied; wrote `)) });
    }
    const again = await rollout(['apply', '--wave', '3', '--regions', catalogueFile, '--cdktf-out', out(), '--report-dir', report()]);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-wave-3.json'), 'utf8')).results).toEqual([expect.objectContaining({ stack: 'prod-eu-west-1', outcome: 'no-changes' })]);
    const junit = readFileSync(join(report(), 'rollout-wave-3.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="wave 3" tests="1" failures="0" skipped="0">/);
  }, 2_400_000);

  it('marks only the changed entry’s stack, and applies only it', async () => {
    const changed = sandboxFleetCatalogue({
      endpoint: sandbox.moto.url,
      canaryCheckUrl: 'http://127.0.0.1:1/unused',
      changes: { 'staging-usw2': { network: { cidr: '10.92.0.0/16', zoneCount: 2, natGateways: 'single', flowLogRetentionDays: 60 } } },
    });
    const head = sandbox.synth(changed, 'head');
    const headOut = join(sandbox.dir, 'head');
    const plan = await rollout(['plan', '--regions', catalogueFile, '--cdktf-out', headOut, '--base-out', out(), '--json']);
    expect(plan.code).toBe(0);
    const marked = JSON.parse(plan.stdout).waves.flatMap((w: any) => w.stacks.filter((s: any) => s.changed).map((s: any) => s.stack));
    expect(marked).toEqual(['staging-us-west-2']);
    for (const wave of ['0', '1']) {
      const r = await rollout(['apply', '--wave', wave, '--regions', catalogueFile, '--cdktf-out', headOut, '--base-out', out(), '--report-dir', report()]);
      expect(r.code).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(report(), 'rollout-wave-0.json'), 'utf8')).results).toEqual([expect.objectContaining({ stack: 'dev-us-east-1', outcome: 'unchanged' })]);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-wave-1.json'), 'utf8')).results).toEqual([expect.objectContaining({ stack: 'staging-us-west-2', outcome: 'applied' })]);
    const replan = await sandbox.tf(head['staging-us-west-2'], ['plan', '-input=false', '-detailed-exitcode']);
    expect(replan.code).toBe(0);
  }, 1_200_000);

  /** The fleet with changes, written as a catalogue file and synthesized into `<name>`. */
  const fleet = (name: string, changes: Parameters<typeof sandboxFleetCatalogue>[0]['changes'], drop?: string) => {
    const c = sandboxFleetCatalogue({ endpoint: sandbox.moto.url, canaryCheckUrl: JSON.parse(readFileSync(catalogueFile, 'utf8')).rollout.healthChecks['prod-use2'][0].url, changes });
    if (drop) c.regions = c.regions.filter((r) => r.id !== drop);
    const file = join(sandbox.dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(c));
    return { file, out: join(sandbox.dir, name), stacks: sandbox.synth(c, name) };
  };
  const stagingChange = { network: { cidr: '10.92.0.0/16', zoneCount: 2, natGateways: 'single' as const, flowLogRetentionDays: 60 } };

  it('rolls a degrading canary back to the last deployed configuration: the old configuration then plans empty', async () => {
    // Deployed now: the fleet with the staging change (head). The next change touches the canary only.
    healthy = true;
    failNext = 1;
    const next = fleet('canary-change', { 'staging-usw2': stagingChange, 'prod-use2': { network: { cidr: '10.93.0.0/16', zoneCount: 2, natGateways: 'single', flowLogRetentionDays: 30 } } });
    const r = await rollout(['run', '--regions', next.file, '--cdktf-out', next.out, '--base-out', join(sandbox.dir, 'head'), '--bake', '0s', '--interval', '1s', '--report-dir', report()]);
    expect({ code: r.code, last: r.stderr.trim().split('\n').at(-1) }).toEqual({ code: 2, last: expect.stringMatching(/^rollout: stopped — the health gate of wave 2 failed \(prod-use2 ping: answered 503/) });
    const run = JSON.parse(readFileSync(join(report(), 'rollout-run.json'), 'utf8'));
    expect(run.waves[2].outcome).toMatch(/; rolled back to the last deployed configuration, healthy again$/);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-wave-2.json'), 'utf8')).results).toEqual([expect.objectContaining({ stack: 'prod-us-east-2', outcome: 'applied' })]);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-rollback-2.json'), 'utf8'))).toMatchObject({ restored: true, results: [expect.objectContaining({ stack: 'prod-us-east-2', outcome: 'applied' })] });
    // The old configuration is what runs: planning it changes nothing; the new one would change the canary again.
    const head = join(sandbox.dir, 'head', 'stacks', 'prod-us-east-2');
    await sandbox.tfOk(head, ['init', '-input=false']);
    expect((await sandbox.tf(head, ['plan', '-input=false', '-detailed-exitcode'])).code).toBe(0);
    await sandbox.tfOk(next.stacks['prod-us-east-2'], ['init', '-input=false']);
    expect((await sandbox.tf(next.stacks['prod-us-east-2'], ['plan', '-input=false', '-detailed-exitcode'])).code).toBe(2);
  }, 1_800_000);

  it('retires a region in two steps: refused outright while protected, then destroyed after approval, its state archived, the rest untouched', async () => {
    const deployed = join(sandbox.dir, 'head');
    const removed = fleet('removed', { 'staging-usw2': stagingChange }, 'prod-euw1');
    // Outright: the zone's prevent_destroy refuses it, in one line, before anything runs.
    const refused = await rollout(['plan', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', deployed, '--json']);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, expect.stringMatching(/^rollout: prod-eu-west-1: removed from the catalogue while 1 resource\(s\) refuse deletion \(aws_route53_zone\.\S+ \(prevent_destroy\)\); put the entry back with "decommission": true for one release, then remove it$/)]);
    // Step one: the entry marked, its protections lifted by a normal rollout.
    const marked = fleet('marked', { 'staging-usw2': stagingChange, 'prod-euw1': { decommission: true } });
    const lift = await rollout(['run', '--regions', marked.file, '--cdktf-out', marked.out, '--base-out', deployed, '--bake', '0s', '--report-dir', report()]);
    expect([lift.code, lift.stderr.trim().split('\n').at(-1)]).toEqual([0, 'rollout: every wave applied']);
    const held = await managed('prod-eu-west-1');
    const others = { canary: await managed('prod-us-east-2'), global: await managed('global') };
    // Step two: removed; without approval the run only says what waits, with it the region goes.
    const waiting = await rollout(['run', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', marked.out, '--bake', '0s', '--report-dir', report()]);
    expect(waiting.code).toBe(0);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-run.json'), 'utf8')).waves.at(-1)).toEqual({ wave: 'decommission', outcome: 'waiting for approval: prod-eu-west-1 (run again with --decommission)' });
    expect(await managed('prod-eu-west-1')).toBe(held);
    const r = await rollout(['run', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', marked.out, '--bake', '0s', '--decommission', '--report-dir', report()]);
    expect({ code: r.code, last: r.stderr.trim().split('\n').at(-1) }).toEqual({ code: 0, last: 'rollout: every wave applied' });
    const decommission = JSON.parse(readFileSync(join(report(), 'rollout-decommission.json'), 'utf8'));
    expect(decommission.results).toEqual([expect.objectContaining({ stack: 'prod-eu-west-1', outcome: 'destroyed', destroyed: held })]);
    expect(await managed('prod-eu-west-1')).toBe(0);
    // The archive is in the state bucket, beside the (now empty) live state, and holds what the region had.
    const [archive] = decommission.archived;
    expect(archive.archivedAs).toMatch(/^s3:.*prod-eu-west-1\.decommissioned-\d{8}T\d{6}Z\.tfstate$/);
    const backend = JSON.parse(readFileSync(join(marked.stacks['prod-eu-west-1'], 'cdk.tf.json'), 'utf8')).terraform.backend.s3;
    const probe = join(sandbox.dir, 'archive-probe');
    mkdirSync(probe, { recursive: true });
    writeFileSync(join(probe, 'main.tf.json'), JSON.stringify({ terraform: { backend: { s3: { ...backend, key: archive.archivedAs.slice(3) } } } }));
    await sandbox.tfOk(probe, ['init', '-input=false']);
    expect(JSON.parse((await sandbox.tfOk(probe, ['state', 'pull'])).stdout).resources.length).toBeGreaterThan(10);
    // The other regions and global: the same resources, and their plans are empty.
    expect({ canary: await managed('prod-us-east-2'), global: await managed('global') }).toEqual({ canary: others.canary, global: expect.any(Number) });
    for (const stack of ['prod-us-east-2', 'global']) {
      await sandbox.tfOk(removed.stacks[stack], ['init', '-input=false']);
      expect([stack, (await sandbox.tf(removed.stacks[stack], ['plan', '-input=false', '-detailed-exitcode'])).code]).toEqual([stack, 0]);
    }
  }, 2_400_000);
});
