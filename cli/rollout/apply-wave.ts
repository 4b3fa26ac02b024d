import { stackDir } from '../../lib/synthesized/synthesized-output';
import { StackTerraform, TerraformStepError } from '../stack-terraform';
import type { TerraformRunner } from '../terraform';
import { mapLimit } from '../concurrency';
import { progressLine } from '../stack-run';
import type { StackLayer } from '../stacks';
import type { RolloutStack, RolloutWave } from './waves';

/** What happened to one stack of the wave. */
export type StackOutcome = 'applied' | 'no-changes' | 'unchanged' | 'failed' | 'skipped';

export interface StackApplyResult {
  readonly stack: string;
  readonly layer: string;
  readonly outcome: StackOutcome;
  /** Why it failed or was skipped, in one line. */
  readonly reason?: string;
  readonly durationMs: number;
}

export interface ApplyWaveOptions {
  readonly outdir: string;
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  /** Stacks applied at once within one layer. @default 2 */
  readonly concurrency?: number;
  /** Only these stacks of the wave. @default - every changed stack */
  readonly only?: ReadonlySet<string>;
  readonly log?: (line: string) => void;
  /** How long plan and apply wait for a state lock held by someone else. @default '10m' */
  readonly lockTimeout?: string;
  /**
   * Budget for one stack, init, plan and apply together; terraform is interrupted when it runs out (it then
   * releases its lock) and the stack fails.
   * @default 2 hours
   */
  readonly timeoutMs?: number;
  /** Called after each stack that now holds this commit's configuration (applied, or planned with no changes). */
  readonly onDeployed?: (stack: string) => Promise<void>;
  /** Layers in the order they are applied. A rollback goes the other way: platform, then infrastructure. @default LAYER_STEPS */
  readonly layerOrder?: readonly StackLayer[];
}

export const LAYER_STEPS: readonly StackLayer[] = ['bootstrap', 'infrastructure', 'platform', 'global'];

/**
 * Applies one wave: per layer (infrastructure, then platform, then global), its changed stacks at most
 * `concurrency` at once, each from a saved plan made in the same run (`plan -out`, then `apply` of that file, so
 * what is applied is exactly what was planned from this commit). The first failure stops the wave: stacks not yet
 * started are skipped and say why.
 */
export async function applyWave(wave: RolloutWave, options: ApplyWaveOptions): Promise<StackApplyResult[]> {
  const log = options.log ?? (() => {});
  const limit = Math.max(1, options.concurrency ?? 2);
  const results = new Map<string, StackApplyResult>();
  let failed: string | undefined;
  const chosen = wave.stacks.filter((s) => !options.only || options.only.has(s.stack));
  for (const layer of options.layerOrder ?? LAYER_STEPS) {
    const queue = chosen.filter((s) => s.layer === layer);
    await mapLimit(queue, limit, async (s) => {
      if (failed && s.changed) {
        results.set(s.stack, { stack: s.stack, layer: s.layer, outcome: 'skipped', reason: `not applied: ${failed} failed first`, durationMs: 0 });
        return;
      }
      let r = await applyStack(s, options);
      if ((r.outcome === 'applied' || r.outcome === 'no-changes') && options.onDeployed) {
        try {
          await options.onDeployed(s.stack);
        } catch (e) {
          // The apply went through; without its record the next run plans this stack again (a no-op), never skips it.
          r = { ...r, reason: `deploy record not written: ${(e as Error).message.split('\n')[0]}` };
        }
      }
      log(progressLine(s.stack, r.outcome + (r.reason ? ` (${r.reason})` : ''), r.durationMs));
      results.set(s.stack, r);
      if (r.outcome === 'failed' && !failed) failed = s.stack;
    });
  }
  return chosen.map((s) => results.get(s.stack) ?? { stack: s.stack, layer: s.layer, outcome: 'skipped', reason: `layer ${s.layer} is not applied by a wave`, durationMs: 0 });
}

async function applyStack(s: RolloutStack, options: ApplyWaveOptions): Promise<StackApplyResult> {
  const base = { stack: s.stack, layer: s.layer };
  if (!s.changed) return { ...base, outcome: 'unchanged', reason: 'synthesized Terraform equals the base', durationMs: 0 };
  const cwd = stackDir(options.outdir, s.stack);
  const budget = options.timeoutMs ?? 2 * 60 * 60_000;
  const tf = new StackTerraform({ runner: options.runner, cwd, env: options.env, lockTimeout: options.lockTimeout ?? '10m', budgetMs: budget });
  try {
    await tf.init();
    const planned = await tf.withPlanFile('rollout.tfplan', async (file) => {
      const plan = await tf.plan(file, ['-detailed-exitcode']);
      if (plan.code === 0) return 0;
      await tf.apply(file);
      return 2;
    });
    return { ...base, outcome: planned === 0 ? 'no-changes' : 'applied', durationMs: tf.durationMs };
  } catch (e) {
    if (!(e instanceof TerraformStepError)) throw e;
    const what = `terraform ${e.step}`;
    const secs = Math.round(budget / 1000);
    const reason = e.result === undefined ? `timed out after ${secs}s (before ${what})` : e.result.timedOut ? `${what} timed out after ${secs}s` : `${what} exited ${e.result.code}: ${e.detail}`;
    return { ...base, outcome: 'failed', reason, durationMs: tf.durationMs };
  }
}
