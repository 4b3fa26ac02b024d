import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { applyWave } from '../../cli/rollout/apply-wave';
import { canonical, stackChanged } from '../../cli/rollout/changed-stacks';
import { GateProbes, runHealthGate } from '../../cli/rollout/health-gate';
import { renderApplyJunit, rolloutOrderLine } from '../../cli/rollout/render';
import { rolloutPlan, RolloutWave } from '../../cli/rollout/waves';
import { synthCatalogue } from '../../cli/synth';
import type { TerraformRunner } from '../../cli/terraform';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { catalogueCopy, problemsOf } from '../support/catalogue';
import { runCommand } from '../support/run-command';
import { defaultFleetOut } from '../support/default-fleet';

describe('rollout plan', () => {
  const plan = rolloutPlan(defaultCatalogue());

  it('orders waves dev → staging → canary → remaining production → global, infrastructure before platform', async () => {
    expect(plan.waves.map((w) => [w.wave, w.environments, w.canary])).toEqual([
      [0, ['dev'], false],
      [1, ['staging'], false],
      [2, ['prod'], true],
      [3, ['prod'], false],
      [4, ['global'], false],
    ]);
    for (const w of plan.waves) {
      const layers = w.stacks.map((s) => s.layer);
      expect(layers).toEqual([...layers].sort((a, b) => ['infrastructure', 'platform', 'global'].indexOf(a) - ['infrastructure', 'platform', 'global'].indexOf(b)));
    }
    expect(plan.waves[2].stacks.map((s) => s.stack)).toEqual(['prod-us-east-1', 'prod-us-east-1-platform']);
  });

  it('asks approval for staging, production and global, bakes only after the canary, with its health checks', async () => {
    expect(plan.waves.map((w) => w.needsApproval)).toEqual([false, true, true, true, true]);
    expect(plan.waves.map((w) => w.bakeMs)).toEqual([0, 0, 24 * 3_600_000, 0, 0]);
    expect(plan.waves[2].checks).toEqual([
      expect.objectContaining({ region: 'prod-use1', name: 'artifactory-ping', expectStatus: 200 }),
      // The canary's VM service: its group's instances, healthy by the load balancer's check.
      { region: 'prod-use1', name: 'vm billing', autoScalingGroup: 'kore-prod-use1-billing', awsRegion: 'us-east-1', account: '333333333333', minHealthy: 2 },
    ]);
  });

  it('fast path: every wave needs approval, the canary bakes the shorter time and is still there', async () => {
    const fast = rolloutPlan(defaultCatalogue(), { fastPath: true });
    expect(fast.waves.every((w) => w.needsApproval)).toBe(true);
    expect(fast.waves.find((w) => w.canary)).toMatchObject({ wave: 2, bake: '2h', bakeMs: 2 * 3_600_000 });
  });

  it('summarizes the changed stacks in rollout order for the PR comment', async () => {
    const changed = rolloutPlan(defaultCatalogue(), { changed: (s) => s.startsWith('prod-westeurope') || s === 'dev-us-east-1' });
    const text = rolloutOrderLine(changed);
    expect(text.split('\n')[0]).toBe('Rollout: wave 0: dev-us-east-1 → wave 3: prod-westeurope, prod-westeurope-platform');
    // A diagram per wave, not per stack: readable at any fleet size; no canary change, so no rollback edge.
    expect(text).toContain(['```mermaid', 'flowchart LR', '  w0["wave 0 · dev<br/>1 stack to apply"]', '  w1["wave 1 · staging<br/>no change"]', '  w2["wave 2 · prod · canary<br/>no change"]', '  w3["wave 3 · prod<br/>2 stacks to apply"]', '  w4["wave 4 · global<br/>no change"]', '  w0 --> w1 --> w2 --> w3 --> w4', '```'].join('\n'));
    expect(text).not.toContain('roll back');
    const canary = rolloutOrderLine(rolloutPlan(defaultCatalogue(), { changed: (s) => s === 'prod-us-east-1' }));
    expect(canary).toContain('  w2 -. "apply or gate fails" .-> rb2["roll back wave 2<br/>to the last deployed configuration"]');
    expect(canary).toContain('If the canary\'s apply or health gate fails, wave 2 is rolled back automatically');
    expect(rolloutOrderLine(rolloutPlan(defaultCatalogue(), { changed: () => false }))).toBe('Rollout: nothing changed.');
  });

  it('validates the canary and health checks in the catalogue, one line each', async () => {
    const c = catalogueCopy();
    c.regions.find((r) => r.id === 'prod-weu')!.wave = 2;
    (c as any).rollout = { healthChecks: { 'prod-usw1': [{ name: 'x', url: 'https://x.example' }] }, canaryBake: 'a day' };
    const problems = problemsOf(c);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/prod-weu.*wave: the first production wave \(2\) is the canary and holds one region; prod-use1 is already in it/),
      expect.stringMatching(/rollout\.healthChecks\.prod-usw1: names no catalogue entry/),
      expect.stringMatching(/rollout\.canaryBake: a duration like 30s, 90m, 24h or 2d/),
    ]));
  });
});

describe('changed stacks against a base output', () => {
  const base = defaultFleetOut('kore-base-');
  const c = catalogueCopy();
  c.regions.find((r) => r.id === 'staging-usw2')!.cluster.nodePools.general!.maxSize = 9;
  const head = synthCatalogue({ catalogue: parseCatalogue(c, 'test'), outdir: mkdtempSync(join(tmpdir(), 'kore-head-')), guardrails: false }).outdir;

  it('marks only the stacks of the changed entry', async () => {
    const plan = rolloutPlan(defaultCatalogue(), { changed: (s) => stackChanged(head, base, s) });
    const changed = plan.waves.flatMap((w) => w.stacks.filter((s) => s.changed).map((s) => s.stack));
    expect(changed).toEqual(['staging-us-west-2']);
  });

  it('ignores cdktf metadata and key order, and counts a stack missing from the base as changed', async () => {
    expect(canonical({ b: 1, '//': { metadata: 'x' }, a: { '//': 'y', c: [1, { d: 2 }] } })).toBe(canonical({ a: { c: [1, { d: 2 }] }, b: 1 }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
    expect(stackChanged(head, mkdtempSync(join(tmpdir(), 'kore-empty-')), 'dev-us-east-1')).toBe(true);
  });
});

describe('applying a wave', () => {
  const wave: RolloutWave = {
    wave: 3, environments: ['prod'], canary: false, needsApproval: true, bakeMs: 0, bake: '0s', checks: [],
    stacks: [
      { stack: 'a', layer: 'infrastructure', environment: 'prod', changed: true },
      { stack: 'b', layer: 'infrastructure', environment: 'prod', changed: false },
      { stack: 'c', layer: 'infrastructure', environment: 'prod', changed: true },
      { stack: 'a-platform', layer: 'platform', environment: 'prod', changed: true },
    ],
  };
  const fake = (script: Record<string, Partial<Record<string, number>>>) => {
    const calls: string[] = [];
    const runner: TerraformRunner = {
      async run(args, { cwd }) {
        const stack = cwd.split('/').pop()!;
        calls.push(`${stack} ${args[0]}`);
        const code = script[stack]?.[args[0]] ?? (args[0] === 'plan' ? 2 : 0);
        return { code, stdout: '', stderr: code === 1 ? '╷\n│ Error: AccessDenied: not allowed\n' : '', timedOut: false, durationMs: 1 };
      },
    };
    return { runner, calls };
  };

  it('plans to a file and applies that file, infrastructure before platform, unchanged stacks untouched', async () => {
    const { runner, calls } = fake({ c: { plan: 0 } });
    const results = await applyWave(wave, { outdir: '/out', runner, concurrency: 1 });
    expect(results.map((r) => [r.stack, r.outcome])).toEqual([['a', 'applied'], ['b', 'unchanged'], ['c', 'no-changes'], ['a-platform', 'applied']]);
    expect(calls).toEqual(['a init', 'a plan', 'a apply', 'c init', 'c plan', 'a-platform init', 'a-platform plan', 'a-platform apply']);
  });

  it('stops at the first failure: later stacks are skipped and say why, exit code path reports it', async () => {
    const { runner, calls } = fake({ a: { apply: 1 } });
    const results = await applyWave(wave, { outdir: '/out', runner, concurrency: 1 });
    expect(results.map((r) => [r.stack, r.outcome])).toEqual([['a', 'failed'], ['b', 'unchanged'], ['c', 'skipped'], ['a-platform', 'skipped']]);
    expect(results[0].reason).toBe('terraform apply exited 1: Error: AccessDenied: not allowed');
    expect(results[2].reason).toBe('not applied: a failed first');
    expect(calls).not.toContain('c init');
    const junit = renderApplyJunit({ wave: 3, results });
    expect(junit).toMatch(/<testsuite name="wave 3" tests="4" failures="1" skipped="2">/);
    expect(junit).toContain('<failure type="apply" message="terraform apply exited 1: Error: AccessDenied: not allowed"/>');
  });

  it('a failed plan is a failure too, never an apply', async () => {
    const { runner, calls } = fake({ a: { plan: 1 } });
    const [a] = await applyWave(wave, { outdir: '/out', runner, concurrency: 2 });
    expect(a.outcome).toBe('failed');
    expect(calls).not.toContain('a apply');
  });
});

describe('health gate', () => {
  const probes = (statuses: number[], clock = { t: 0 }): GateProbes & { slept: number[] } => {
    const slept: number[] = [];
    let i = 0;
    return {
      slept,
      httpStatus: async () => statuses[Math.min(i++, statuses.length - 1)],
      route53Statuses: async () => ['Success: HTTP Status Code 200, OK', 'Failure: Connection timed out'],
      groupInstances: async () => [1, 2, 3].map(() => ({ health: 'Healthy', lifecycle: 'InService' })),
      scaleSetInstances: async () => [1, 2, 3].map(() => ({ health: 'HealthState/healthy', power: 'PowerState/running' })),
      sleep: async (ms) => {
        slept.push(ms);
        clock.t += ms;
      },
      now: () => clock.t,
    };
  };
  const check = { region: 'prod-use1', name: 'ping', url: 'https://x.example/ping', expectStatus: 200 };

  it('checks a VM service through its group: enough instances healthy and in service, or the group missing', async () => {
    const vm = { region: 'prod-use1', name: 'vm billing', autoScalingGroup: 'kore-prod-use1-billing', awsRegion: 'us-east-1', account: '333333333333', minHealthy: 2 };
    const withGroup = (instances: { health: string; lifecycle: string }[] | undefined): GateProbes => ({
      ...probes([200]),
      groupInstances: async (region, group, account) => (region === 'us-east-1' && group === 'kore-prod-use1-billing' && account === '333333333333' ? instances : undefined),
    });
    const ok = await runHealthGate([vm], 0, 1, withGroup([{ health: 'Healthy', lifecycle: 'InService' }, { health: 'Healthy', lifecycle: 'InService' }, { health: 'Unhealthy', lifecycle: 'InService' }]));
    expect([ok.passed, ok.results[0].detail]).toEqual([true, '2 of 3 instances healthy and in service (needs 2)']);
    const low = await runHealthGate([vm], 0, 1, withGroup([{ health: 'Healthy', lifecycle: 'InService' }, { health: 'Healthy', lifecycle: 'Pending' }]));
    expect([low.passed, low.failure?.detail]).toEqual([false, '1 of 2 instances healthy and in service (needs 2)']);
    const gone = await runHealthGate([{ ...vm, autoScalingGroup: 'other' }], 0, 1, withGroup([]));
    expect(gone.failure?.detail).toBe('Auto Scaling group other does not exist in account 333333333333');
    // Asked in another account, the same group is not there: the gate reads each group in its own account.
    const elsewhere = await runHealthGate([{ ...vm, account: '444444444444' }], 0, 1, withGroup([{ health: 'Healthy', lifecycle: 'InService' }]));
    expect(elsewhere.failure?.detail).toBe('Auto Scaling group kore-prod-use1-billing does not exist in account 444444444444');
  });

  it("checks an Azure VM service through its scale set: enough instances running and healthy by the set's probe, or the set missing", async () => {
    // prod-weu's billing service, as the plan derives it when prod-weu is the canary.
    const input = catalogueCopy();
    for (const e of input.regions as { id: string; wave: number }[]) if (e.id === 'prod-weu' || e.id === 'prod-use1') e.wave = e.id === 'prod-weu' ? 2 : 3;
    const canary = rolloutPlan(parseCatalogue(input, 'test')).waves.find((w) => w.canary)!;
    const vm = canary.checks.find((c) => c.name === 'vm billing')!;
    expect(vm).toEqual({ name: 'vm billing', scaleSet: 'kore-prod-weu-billing', resourceGroup: 'kore-prod-weu-billing', subscription: '4b1f2c3d-0000-4000-8000-000000000001', minHealthy: 2, region: 'prod-weu' });
    const withSet = (instances: { health: string; power: string }[]): GateProbes => ({
      ...probes([200]),
      scaleSetInstances: async (sub, rg, set) => (sub === '4b1f2c3d-0000-4000-8000-000000000001' && rg === 'kore-prod-weu-billing' && set === 'kore-prod-weu-billing' ? instances : undefined),
    });
    const up = { health: 'HealthState/healthy', power: 'PowerState/running' };
    const ok = await runHealthGate([vm], 0, 1, withSet([up, up, { health: 'HealthState/unhealthy', power: 'PowerState/running' }]));
    expect([ok.passed, ok.results[0].detail]).toEqual([true, '2 of 3 instances healthy and running (needs 2)']);
    // A stopped instance keeps its last health: running counts too. Unknown health (probe not answering yet) does not.
    const low = await runHealthGate([vm], 0, 1, withSet([up, { health: 'HealthState/healthy', power: 'PowerState/stopped' }, { health: 'HealthState/unknown', power: 'PowerState/running' }]));
    expect([low.passed, low.failure?.detail]).toEqual([false, '1 of 3 instances healthy and running (needs 2)']);
    const silent = await runHealthGate([vm], 0, 1, withSet([up, { health: '', power: 'PowerState/running' }]));
    expect([silent.passed, silent.failure?.detail]).toEqual([false, '1 of 2 instances healthy and running (needs 2); 1 report no health state']);
    const gone = await runHealthGate([{ ...vm, scaleSet: 'other' }], 0, 1, withSet([up, up]));
    expect(gone.failure?.detail).toBe('scale set other does not exist in resource group kore-prod-weu-billing of subscription 4b1f2c3d-0000-4000-8000-000000000001');
  });

  it('holds the checks for the whole bake, a round per interval', async () => {
    const p = probes([200]);
    const g = await runHealthGate([check], 60_000, 20_000, p);
    expect(g).toMatchObject({ passed: true, rounds: 4 });
    expect(p.slept).toEqual([20_000, 20_000, 20_000]);
  });

  it('stops at the first failing round and names the check', async () => {
    const g = await runHealthGate([check], 60_000, 20_000, probes([200, 503]));
    expect(g.passed).toBe(false);
    expect(g.rounds).toBe(2);
    expect(g.failure).toMatchObject({ check: { name: 'ping' }, detail: 'answered 503 (expected 200)' });
  });

  it('fails on an unreachable endpoint and on a Route53 health check with a failing checker', async () => {
    const p = probes([200]);
    p.httpStatus = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    };
    expect((await runHealthGate([check], 0, 1, p)).failure?.detail).toBe('unreachable: connect ECONNREFUSED 127.0.0.1:1');
    const r53 = await runHealthGate([{ region: 'global', name: 'dns', route53HealthCheckId: 'abc', account: '333333333333' }], 0, 1, probes([200]));
    expect(r53.failure?.detail).toBe('1 of 2 checkers failing');
  });

  it("reads a region's Route53 health checks in global's account, whatever account the region is in", async () => {
    const c = catalogueCopy();
    for (const e of c.regions as { id: string; account?: string; state?: object }[]) {
      if (e.id !== 'prod-use1') continue;
      e.account = '444444444444';
      e.state = { backend: 's3', bucket: 'kore-tfstate-444444444444-us-east-1', region: 'us-east-1', lockTable: 'kore-tfstate-lock' };
    }
    (c as any).rollout.healthChecks['prod-use1'].push({ name: 'dns', route53HealthCheckId: 'hc-1' });
    const canary = rolloutPlan(parseCatalogue(c, 'test')).waves.find((w) => w.canary)!;
    expect(canary.checks.find((k) => k.name === 'dns')).toEqual({ name: 'dns', route53HealthCheckId: 'hc-1', account: '333333333333', region: 'prod-use1' });
    const asked: string[] = [];
    const p: GateProbes = { ...probes([200]), route53Statuses: async (id, account) => (asked.push(`${id}@${account}`), ['Success: HTTP Status Code 200, OK']) };
    const g = await runHealthGate(canary.checks.filter((k) => 'route53HealthCheckId' in k), 0, 1, p);
    expect([g.passed, asked]).toEqual([true, ['hc-1@333333333333']]);
  });
});

describe('npm run rollout (the command as users run it)', () => {
  const run = (args: string[]) => runCommand('rollout', args);
  const out = defaultFleetOut('kore-roll-');

  it('prints the plan as JSON for orchestrators (exit 0), with nothing changed against itself', async () => {
    const r = await run(['plan', '--cdktf-out', out, '--base-out', out, '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.comparedWithBase).toBe(true);
    expect(plan.waves.flatMap((w: any) => w.stacks).every((s: any) => s.changed === false)).toBe(true);
  });

  it('prints the changed stacks as CI matrix rows (the listing rows of npm run stacks): none against itself, all without a base', async () => {
    expect(JSON.parse((await run(['plan', '--cdktf-out', out, '--base-out', out, '--matrix'])).stdout)).toEqual([]);
    const all = JSON.parse((await run(['plan', '--cdktf-out', out, '--matrix'])).stdout);
    const { listStacks } = require('../../cli/stacks');
    expect(all).toEqual(listStacks(defaultCatalogue()));
  });

  it.each([
    [['apply', '--cdktf-out', out], /^rollout: --wave \(missing\): a wave number \(have: 0, 1, 2, 3, 4\)$/],
    [['apply', '--wave', '7', '--cdktf-out', out], /^rollout: --wave 7: no such wave \(have: 0, 1, 2, 3, 4\)$/],
    [['plan', '--base-out', '/nonexistent'], /^rollout: --base-out \/nonexistent: not a synthesized output \(no stacks\/ directory\)$/],
    [['gate', '--wave', '2', '--bake', 'soon'], /^rollout: --bake soon: not a duration like 30s, 90m, 24h or 2d \(got "soon"\)$/],
    [['launch'], /^rollout: launch: not a subcommand \(plan, apply, gate, run, rollback or workflow; see --help\)$/],
    [['apply', '--wave', '0', '--concurrency', '0', '--cdktf-out', out], /^rollout: --concurrency must be a whole number from 1 to 16 \(got "0"\)$/],
  ])('refuses %j with one line and exit 1', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('fails the gate with exit 2, naming the failing check, and writes its report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-gate-'));
    const c = catalogueCopy();
    (c as any).rollout = { healthChecks: { 'prod-use1': [{ name: 'ping', url: 'http://127.0.0.1:9/ping' }] } };
    writeFileSync(join(dir, 'catalogue.yaml'), stringify(c));
    const r = await run(['gate', '--wave', '2', '--bake', '0s', '--regions', join(dir, 'catalogue.yaml'), '--report-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rollout gate: FAILED — prod-use1 ping: unreachable: .+; later waves must not start/);
    expect(readFileSync(join(dir, 'rollout-gate-2.md'), 'utf8')).toMatch(/Health gate of wave 2 failed/);
  });
});

describe('gate and run, guarded at unit level', () => {
  const { rolloutRunCommand } = require('../../cli/rollout/rollout-command');
  const out = defaultFleetOut('kore-run-');
  const fixedProbes = (status: number): GateProbes => ({
    httpStatus: async () => status,
    route53Statuses: async () => ['Success: HTTP Status Code 200, OK'],
    groupInstances: async () => [1, 2, 3].map(() => ({ health: 'Healthy', lifecycle: 'InService' })),
    scaleSetInstances: async () => [1, 2, 3].map(() => ({ health: 'HealthState/healthy', power: 'PowerState/running' })),
    sleep: async () => {},
    now: () => 0,
  });

  it('a check passes only on the status it expects, whatever that is', async () => {
    const created = { region: 'prod-use1', name: 'create', url: 'https://x.example/', expectStatus: 204 };
    expect((await runHealthGate([created], 0, 1, fixedProbes(204))).passed).toBe(true);
    const g = await runHealthGate([created], 0, 1, fixedProbes(200));
    expect(g.passed).toBe(false);
    expect(g.failure?.detail).toBe('answered 200 (expected 204)');
  });

  it('a failed canary gate stops the run: later waves are never applied, and the report says why (exit 2)', async () => {
    const applied: string[] = [];
    const runner: TerraformRunner = {
      async run(args, { cwd }) {
        if (args[0] === 'apply') applied.push(cwd.split('/').pop()!);
        return { code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const reportDir = mkdtempSync(join(tmpdir(), 'kore-run-report-'));
    const code = await rolloutRunCommand({ cdktfOut: out, bake: '0s', reportDir }, { runner, probes: fixedProbes(503), out: () => {}, log: () => {} });
    expect(code).toBe(2);
    expect(applied.sort()).toEqual(['dev-us-east-1', 'dev-us-east-1-platform', 'prod-us-east-1', 'prod-us-east-1-platform', 'staging-us-west-2', 'staging-us-west-2-platform']);
    const record = JSON.parse(readFileSync(join(reportDir, 'rollout-run.json'), 'utf8'));
    expect(record.stoppedBy).toMatch(/^the health gate of wave 2 failed \(prod-use1 .+: answered 503 \(expected 200\)\)$/);
    expect(record.waves.slice(3).map((w: any) => w.outcome)).toEqual([expect.stringMatching(/^not applied: the health gate of wave 2 failed/), expect.stringMatching(/^not applied: /)]);
    // Healthy, every wave is applied.
    applied.length = 0;
    expect(await rolloutRunCommand({ cdktfOut: out, bake: '0s', reportDir }, { runner, probes: fixedProbes(200), out: () => {}, log: () => {} })).toBe(0);
    expect(applied).toContain('global');
    expect(applied).toContain('prod-westeurope');
  });
});
