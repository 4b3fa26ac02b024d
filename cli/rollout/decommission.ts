import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readStackJson, stackDir } from '../../lib/synthesized/synthesized-output';
import { progressLine } from '../stack-run';
import { StackTerraform, TerraformStepError } from '../stack-terraform';
import type { TerraformRunner } from '../terraform';
import type { RetiredStack } from './retired-stacks';

/** What happened to one retired stack. */
export interface DecommissionResult {
  readonly stack: string;
  readonly layer: string;
  readonly outcome: 'destroyed' | 'failed' | 'skipped';
  /** Resources the destroy removed. */
  readonly destroyed: number;
  /** Where the state as it was before the destroy is kept: `<backend>:<key>`. */
  readonly archivedAs?: string;
  readonly reason?: string;
  readonly durationMs: number;
}

export interface DecommissionOptions {
  /** The synthesized output of the last deployed configuration: the retired stacks' Terraform and backends. */
  readonly lastDeployedOut: string;
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** @default '10m' */
  readonly lockTimeout?: string;
  /** Budget per stack. @default 2 hours */
  readonly timeoutMs?: number;
  /** Stamp of the archive key. @default now */
  readonly now?: Date;
  /** Called after a stack's destroy was confirmed and its state archived (ends its deploy record). */
  readonly onDestroyed?: (stack: string) => Promise<void>;
}

/**
 * Destroys retired stacks one at a time, in the order given (platform before infrastructure): a destroy plan saved
 * and applied, then `state list` must be empty, then the state as it was before is pushed to an archive key in the
 * same backend (`<key>.decommissioned-<stamp>`) — the live key stays, empty, so nothing is deleted. The first failure
 * stops the rest: an infrastructure stack is never destroyed under a platform stack that is still there.
 */
export async function decommissionStacks(retired: readonly RetiredStack[], options: DecommissionOptions): Promise<DecommissionResult[]> {
  const results: DecommissionResult[] = [];
  let failed: string | undefined;
  for (const r of retired) {
    if (failed) {
      results.push({ stack: r.stack, layer: r.layer, outcome: 'skipped', destroyed: 0, reason: `not destroyed: ${failed} failed first`, durationMs: 0 });
      continue;
    }
    const result = await decommissionStack(r, options);
    options.log?.(progressLine(r.stack, result.outcome + (result.reason ? ` (${result.reason})` : result.archivedAs ? ` (state archived as ${result.archivedAs})` : ''), result.durationMs));
    results.push(result);
    if (result.outcome === 'failed') failed = r.stack;
  }
  return results;
}

async function decommissionStack(r: RetiredStack, options: DecommissionOptions): Promise<DecommissionResult> {
  const cwd = stackDir(options.lastDeployedOut, r.stack);
  const budget = options.timeoutMs ?? 2 * 60 * 60_000;
  const tf = new StackTerraform({ runner: options.runner, cwd, env: options.env, lockTimeout: options.lockTimeout ?? '10m', budgetMs: budget });
  const base = { stack: r.stack, layer: r.layer };
  try {
    await tf.init();
    const before = await tf.pullState();
    const count = () => tf.step('state list', ['state', 'list']).then((x) => x.stdout.split('\n').filter(Boolean).length);
    const held = await count();
    await tf.withPlanFile('decommission.tfplan', async (file) => {
      const plan = await tf.plan(file, ['-destroy', '-detailed-exitcode']);
      if (plan.code === 2) await tf.apply(file);
    });
    const left = await count();
    if (left > 0) return { ...base, outcome: 'failed', destroyed: held - left, reason: `${left} resources still in state after the destroy; the state is kept as it is`, durationMs: tf.durationMs };
    const archivedAs = await archiveState(r.stack, before, options, budget);
    await options.onDestroyed?.(r.stack);
    return { ...base, outcome: 'destroyed', destroyed: held, archivedAs, durationMs: tf.durationMs };
  } catch (e) {
    if (!(e instanceof TerraformStepError)) throw e;
    const reason = e.result === undefined ? `timed out (before terraform ${e.step})` : `terraform ${e.step} exited ${e.result.code}: ${e.detail}`;
    return { ...base, outcome: 'failed', destroyed: 0, reason, durationMs: tf.durationMs };
  }
}

/**
 * Pushes `state` to `<key>.decommissioned-<stamp>` in the stack's own backend, from a scratch directory holding only
 * that backend block (no providers needed): whatever the backend, the archive lives where the state did.
 */
async function archiveState(stack: string, state: string, options: DecommissionOptions, budgetMs: number): Promise<string> {
  const json = readStackJson(options.lastDeployedOut, stack);
  const backends = (json?.terraform?.backend ?? {}) as Record<string, Record<string, unknown>>;
  const [type, config] = Object.entries(backends)[0] ?? [];
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  if (!type || type === 'local') {
    // A local state (tests, demos): the archive is a file beside it.
    const file = `${resolve(stackDir(options.lastDeployedOut, stack), (typeof config?.path === 'string' ? config.path : 'terraform.tfstate')).replace(/\.tfstate$/, '')}.decommissioned-${stamp}.tfstate`;
    writeFileSync(file, state);
    return `local:${file}`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kore-archive-'));
  try {
    const key = `${(typeof config.key === 'string' ? config.key : `${stack}.tfstate`).replace(/\.tfstate$/, '')}.decommissioned-${stamp}.tfstate`;
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { backend: { [type]: { ...config, key } } } }));
    writeFileSync(join(dir, 'archived.tfstate'), state);
    const tf = new StackTerraform({ runner: options.runner, cwd: dir, env: options.env, lockTimeout: options.lockTimeout ?? '10m', budgetMs });
    await tf.init();
    await tf.step('state push', ['state', 'push', 'archived.tfstate']);
    return `${type}:${key}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
