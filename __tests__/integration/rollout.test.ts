import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIntegration, Sandbox } from '../support/integration';
import { CanaryHealth, managedCount, STAGING_CHANGE, writeFleet } from '../support/rollout-fleet';

/*
 * The rollout on the emulator, with real `terraform apply`: a fleet of dev, staging, a production canary and one
 * more production region, rolled out by `npm run rollout` as a user (or a pipeline) runs it. A failing canary gate
 * stops the later waves; once healthy, the remaining waves apply; a change to one entry marks only its stack.
 * Rolling a canary back and retiring a region: rollout-lifecycle.test.ts (its own emulator and fleet, in another lane).
 */
describeIntegration('rollout on the emulator', () => {
  const sandbox = new Sandbox();
  const health = new CanaryHealth();
  let catalogueFile: string;
  let stacks: Record<string, string>;
  const out = () => join(sandbox.dir, 'out');
  const report = () => join(sandbox.dir, 'reports');

  /** `npm run rollout -- …` in a child process, with the emulator's environment. */
  const rollout = (args: string[]) => sandbox.command('rollout', args);
  const managed = (stack: string) => managedCount(sandbox, stacks[stack]);

  beforeAll(async () => {
    const url = await health.start();
    await sandbox.start();
    const fleet = writeFleet(sandbox, url, 'out');
    ({ file: catalogueFile, stacks } = fleet);
    // The state store only: bootstrap itself is foundation.test.ts's subject, and a rollout never applies it.
    await sandbox.createStateStores(fleet.catalogue);
  }, 300_000);
  afterAll(async () => {
    health.stop();
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
    health.healthy = true;
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
    const { out: headOut, stacks: head } = writeFleet(sandbox, 'http://127.0.0.1:1/unused', 'head', { 'staging-usw2': STAGING_CHANGE });
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
});
