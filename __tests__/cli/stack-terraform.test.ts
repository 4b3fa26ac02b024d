import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackTerraform, TerraformStepError } from '../../cli/stack-terraform';
import type { TerraformRunner } from '../../cli/terraform';

/** A fake terraform that records calls and answers per subcommand. */
function fake(answer: (args: readonly string[]) => { code?: number; stderr?: string; timedOut?: boolean; stdout?: string } = () => ({})) {
  const calls: { args: readonly string[]; timeoutMs?: number }[] = [];
  const runner: TerraformRunner = {
    async run(args, o) {
      calls.push({ args, timeoutMs: o.timeoutMs });
      if (args[0] === 'plan') writeFileSync(join(o.cwd, String(args.find((a) => a.startsWith('-out='))).slice(5)), 'secret');
      const a = answer(args);
      return { code: a.code ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '', timedOut: a.timedOut ?? false, durationMs: 5 };
    },
  };
  return { runner, calls };
}

describe('terraform in a stack directory (the one helper)', () => {
  it('passes the lock timeout to init, plan and apply, and what is left of one deadline to every step', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tf-'));
    const { runner, calls } = fake((a) => (a[0] === 'plan' ? { code: 2 } : {}));
    const tf = new StackTerraform({ runner, cwd, lockTimeout: '7m', budgetMs: 60_000 });
    await tf.init();
    await tf.withPlanFile('x.tfplan', async (f) => {
      await tf.plan(f, ['-detailed-exitcode']);
      await tf.apply(f);
    });
    expect(calls.map((c) => c.args.join(' '))).toEqual(['init -input=false -lock-timeout=7m', 'plan -input=false -lock-timeout=7m -detailed-exitcode -out=x.tfplan', 'apply -input=false -lock-timeout=7m x.tfplan']);
    for (const c of calls) expect(c.timeoutMs).toBeGreaterThan(0);
    for (const c of calls) expect(c.timeoutMs).toBeLessThanOrEqual(60_000);
    expect(tf.durationMs).toBe(15);
    expect(existsSync(join(cwd, 'x.tfplan'))).toBe(false);
  });

  it('removes the plan file when a step fails, and the error names the step, the code and terraform\'s first error with the lock holder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tf-'));
    const { runner } = fake((a) => (a[0] === 'show' ? { code: 1, stderr: '╷\n│ Error: Error acquiring the state lock\n│ Lock Info:\n│   ID: 42\n│   Who: ci@runner\n' } : {}));
    const tf = new StackTerraform({ runner, cwd, lockTimeout: '1s', budgetMs: 60_000 });
    const err = await tf.withPlanFile('p.tfplan', async (f) => {
      await tf.plan(f);
      return tf.showJson(f);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerraformStepError);
    expect(err).toMatchObject({ step: 'show', detail: 'Error: Error acquiring the state lock (held by ci@runner, lock ID 42)', timedOut: false });
    expect(existsSync(join(cwd, 'p.tfplan'))).toBe(false);
  });

  it('a plain plan fails on exit 2 (changes are only success with -detailed-exitcode); a timed-out step and a spent budget are timeouts', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tf-'));
    const two = new StackTerraform({ runner: fake(() => ({ code: 2 })).runner, cwd, lockTimeout: '1s', budgetMs: 60_000 });
    await expect(two.plan('a')).rejects.toMatchObject({ step: 'plan', result: { code: 2 } });
    const slow = new StackTerraform({ runner: fake(() => ({ code: 1, timedOut: true })).runner, cwd, lockTimeout: '1s', budgetMs: 60_000 });
    await expect(slow.init()).rejects.toMatchObject({ step: 'init', timedOut: true });
    const spent = new StackTerraform({ runner: fake().runner, cwd, lockTimeout: '1s', budgetMs: 0 });
    await expect(spent.init()).rejects.toMatchObject({ step: 'init', result: undefined, timedOut: true, detail: 'no time left' });
  });
});
