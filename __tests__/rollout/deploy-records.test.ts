import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyWave } from '../../cli/rollout/apply-wave';
import { directoryRecordStore, githubRecordStore, recordStoreOf, stackDigest } from '../../cli/rollout/deploy-records';
import { rolloutApplyCommand, rolloutPlanCommand } from '../../cli/rollout/rollout-command';
import type { RolloutWave } from '../../cli/rollout/waves';
import type { TerraformRunner } from '../../cli/terraform';
import { defaultFleetOut } from '../support/default-fleet';

/** A cdktf output with one stack whose Terraform is `body`. */
function outWith(stacks: Record<string, unknown>): string {
  const out = mkdtempSync(join(tmpdir(), 'records-out-'));
  for (const [name, body] of Object.entries(stacks)) {
    mkdirSync(join(out, 'stacks', name), { recursive: true });
    writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(body));
  }
  return out;
}

describe('deploy records', () => {
  it('digest ignores cdktf metadata and key order, and changes with any configuration', () => {
    const a = outWith({ s: { '//': { metadata: 1 }, resource: { x: { a: 1, b: 2 } } } });
    const b = outWith({ s: { resource: { x: { b: 2, a: 1 } } } });
    const c = outWith({ s: { resource: { x: { a: 1, b: 3 } } } });
    expect(stackDigest(a, 's')).toMatch(/^[0-9a-f]{64}$/);
    expect(stackDigest(a, 's')).toBe(stackDigest(b, 's'));
    expect(stackDigest(a, 's')).not.toBe(stackDigest(c, 's'));
  });

  it('a directory store reads back what it wrote, and refuses a record of another stack in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'records-'));
    const store = directoryRecordStore(dir);
    await store.write({ stack: 'dev-us-east-1', commit: 'abc', digest: 'f'.repeat(64), appliedAt: 't' });
    const read = await store.read(['dev-us-east-1', 'staging-us-west-2']);
    expect([...read.keys()]).toEqual(['dev-us-east-1']);
    expect(read.get('dev-us-east-1')).toEqual({ stack: 'dev-us-east-1', commit: 'abc', digest: 'f'.repeat(64), appliedAt: 't' });
    writeFileSync(join(dir, 'staging-us-west-2.json'), JSON.stringify({ stack: 'other', commit: 'x', digest: 'e'.repeat(64) }));
    await expect(store.read(['staging-us-west-2'])).rejects.toThrow(/staging-us-west-2\.json: records stack other, not staging-us-west-2$/);
    writeFileSync(join(dir, 'staging-us-west-2.json'), '{ nope');
    await expect(store.read(['staging-us-west-2'])).rejects.toThrow(/staging-us-west-2\.json: not a deploy record \(/);
  });

  it('GitHub store: newest deployment of the stack whose status is success; writes a deployment and a success status', async () => {
    const calls: string[] = [];
    const fetch = async (url: string, init?: { method?: string; body?: string }) => {
      calls.push(`${init?.method} ${url.replace('https://api.github.com/repos/o/r', '')}${init?.body ? ` ${init.body}` : ''}`);
      const json = url.includes('/deployments?')
        ? [{ id: 2, sha: 'new', payload: { digest: 'a'.repeat(64) } }, { id: 1, sha: 'old', payload: { digest: 'b'.repeat(64) } }]
        : url.endsWith('/deployments/2/statuses?per_page=1')
          ? [{ state: 'failure' }]
          : url.endsWith('/deployments/1/statuses?per_page=1')
            ? [{ state: 'success' }]
            : { id: 9 };
      return { ok: true, status: 200, json: async () => json, text: async () => '' };
    };
    const store = githubRecordStore({ repository: 'o/r', token: 't', fetch });
    const read = await store.read(['prod-us-east-1']);
    expect(read.get('prod-us-east-1')).toMatchObject({ commit: 'old', digest: 'b'.repeat(64) });
    expect(calls[0]).toBe('GET /deployments?environment=kore-deploy-records&task=deploy%3Aprod-us-east-1&per_page=20');
    calls.length = 0;
    await store.write({ stack: 'prod-us-east-1', commit: 'c0ffee', digest: 'c'.repeat(64), appliedAt: 'now' });
    expect(calls[0]).toMatch(/^POST \/deployments \{"ref":"c0ffee","task":"deploy:prod-us-east-1","environment":"kore-deploy-records",.*"payload":\{"digest":"c{64}"/);
    expect(calls[1]).toBe('POST /deployments/9/statuses {"state":"success","description":"applied cccccccccccc"}');
  });

  it('names what is missing for --records github, in one line', () => {
    expect(() => recordStoreOf('github', {})).toThrow(/^--records github: GITHUB_REPOSITORY \(owner\/name\) is not set$/);
    expect(() => recordStoreOf('github', { GITHUB_REPOSITORY: 'o/r' })).toThrow(/^--records github: GITHUB_TOKEN is not set/);
  });
});

describe('rollout with deploy records', () => {
  const out = defaultFleetOut('kore-records-');
  const deps = (records: ReturnType<typeof directoryRecordStore>, runner?: TerraformRunner) => {
    const printed: string[] = [];
    return {
      printed,
      deps: {
        runner: runner ?? { run: async (args: readonly string[]) => ({ code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 }) },
        probes: undefined as never,
        records: () => records,
        out: (t: string) => printed.push(t),
        log: () => {},
      },
    };
  };

  it('a stack whose record holds its current digest is unchanged; a stack never recorded, or recorded at another digest, is changed', async () => {
    const store = directoryRecordStore(mkdtempSync(join(tmpdir(), 'records-')));
    await store.write({ stack: 'dev-us-east-1', commit: 'a', digest: stackDigest(out, 'dev-us-east-1'), appliedAt: '' });
    await store.write({ stack: 'dev-us-east-1-platform', commit: 'a', digest: '0'.repeat(64), appliedAt: '' });
    const { deps: d, printed } = deps(store);
    await rolloutPlanCommand({ cdktfOut: out, records: 'dir', githubOutputs: true }, d);
    const lines = printed.join('').trim().split('\n');
    expect(lines).toContain('wave0_infrastructure=[]');
    expect(lines.find((l) => l.startsWith('wave0_platform='))).toContain('"stack":"dev-us-east-1-platform"');
    expect(lines).toContain('wave2_changed=true');
  });

  it('apply writes a record for each stack it leaves at this commit (applied or no changes), none for a failed one', async () => {
    const store = directoryRecordStore(mkdtempSync(join(tmpdir(), 'records-')));
    const runner: TerraformRunner = {
      run: async (args, { cwd }) => ({ code: args[0] === 'plan' ? (cwd.endsWith('-platform') ? 0 : 2) : cwd.endsWith('platform') || args[0] !== 'apply' ? 0 : 1, stdout: '', stderr: 'Error: boom', timedOut: false, durationMs: 1 }),
    };
    const { deps: d } = deps(store, runner);
    const reportDir = mkdtempSync(join(tmpdir(), 'reports-'));
    const code = await rolloutApplyCommand({ cdktfOut: out, records: 'dir', commit: 'c0ffee', wave: '0', reportDir }, d);
    expect(code).toBe(2);
    const read = await store.read(['dev-us-east-1', 'dev-us-east-1-platform']);
    expect(read.has('dev-us-east-1')).toBe(false);
    expect(read.has('dev-us-east-1-platform')).toBe(false);
    const ok: TerraformRunner = { run: async (args) => ({ code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 }) };
    expect(await rolloutApplyCommand({ cdktfOut: out, records: 'dir', commit: 'c0ffee', wave: '0', reportDir }, deps(store, ok).deps)).toBe(0);
    const after = await store.read(['dev-us-east-1', 'dev-us-east-1-platform']);
    expect(after.get('dev-us-east-1')).toMatchObject({ commit: 'c0ffee', digest: stackDigest(out, 'dev-us-east-1') });
    expect(after.get('dev-us-east-1-platform')).toMatchObject({ commit: 'c0ffee' });
  });

  it('refuses --records with --base-out, and --records without a commit, in one line', async () => {
    const store = directoryRecordStore(mkdtempSync(join(tmpdir(), 'records-')));
    await expect(rolloutPlanCommand({ cdktfOut: out, baseOut: out, records: 'dir' }, deps(store).deps)).rejects.toThrow(/^--base-out and --records: give one base, not both$/);
    await expect(rolloutApplyCommand({ cdktfOut: out, records: 'dir', wave: '0', reportDir: mkdtempSync(join(tmpdir(), 'r-')) }, { ...deps(store).deps, env: {} })).rejects.toThrow(/^--records: the commit being deployed is unknown/);
  });
});

describe('applying a stack', () => {
  const wave: RolloutWave = { wave: 0, environments: ['dev'], canary: false, needsApproval: false, bakeMs: 0, bake: '0s', checks: [], stacks: [{ stack: 's', layer: 'infrastructure', environment: 'dev', changed: true }] };

  it('waits for a held state lock on plan and apply, passes a deadline, and never leaves the saved plan behind, even on failure', async () => {
    for (const applyCode of [0, 1]) {
      const out = outWith({ s: {} });
      const seen: { args: readonly string[]; timeoutMs?: number; planFileThere: boolean }[] = [];
      const runner: TerraformRunner = {
        run: async (args, o) => {
          if (args[0] === 'plan') writeFileSync(join(o.cwd, 'rollout.tfplan'), 'secret');
          seen.push({ args, timeoutMs: o.timeoutMs, planFileThere: existsSync(join(o.cwd, 'rollout.tfplan')) });
          return { code: args[0] === 'plan' ? 2 : args[0] === 'apply' ? applyCode : 0, stdout: '', stderr: 'Error: x', timedOut: false, durationMs: 1 };
        },
      };
      const [r] = await applyWave(wave, { outdir: out, runner, timeoutMs: 60_000 });
      expect(r.outcome).toBe(applyCode === 0 ? 'applied' : 'failed');
      for (const s of seen) expect(s.args).toContain('-lock-timeout=10m');
      for (const s of seen) expect(s.timeoutMs).toBeGreaterThan(0);
      for (const s of seen) expect(s.timeoutMs).toBeLessThanOrEqual(60_000);
      expect(existsSync(join(out, 'stacks', 's', 'rollout.tfplan'))).toBe(false);
    }
  });

  it('a terraform step that runs out of time fails the stack and says so', async () => {
    const runner: TerraformRunner = { run: async (args) => ({ code: args[0] === 'plan' ? 1 : 0, stdout: '', stderr: '', timedOut: args[0] === 'plan', durationMs: 1 }) };
    const [r] = await applyWave(wave, { outdir: outWith({ s: {} }), runner, timeoutMs: 5_000 });
    expect(r).toMatchObject({ outcome: 'failed', reason: 'terraform plan timed out after 5s' });
  });
});
