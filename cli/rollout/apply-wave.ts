import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { firstError } from '../plan/run-plans';
import type { TerraformRunner } from '../terraform';
import { progressLine } from '../stack-run';
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
}

const LAYER_STEPS = ['bootstrap', 'infrastructure', 'platform', 'global'] as const;

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
  for (const layer of LAYER_STEPS) {
    const queue = chosen.filter((s) => s.layer === layer);
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const s = queue[next++];
        if (failed && s.changed) {
          results.set(s.stack, { stack: s.stack, layer: s.layer, outcome: 'skipped', reason: `not applied: ${failed} failed first`, durationMs: 0 });
          continue;
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
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, queue.length)) }, worker));
  }
  return chosen.map((s) => results.get(s.stack) ?? { stack: s.stack, layer: s.layer, outcome: 'skipped', reason: `layer ${s.layer} is not applied by a wave`, durationMs: 0 });
}

async function applyStack(s: RolloutStack, options: ApplyWaveOptions): Promise<StackApplyResult> {
  const base = { stack: s.stack, layer: s.layer };
  if (!s.changed) return { ...base, outcome: 'unchanged', reason: 'synthesized Terraform equals the base', durationMs: 0 };
  const cwd = join(options.outdir, 'stacks', s.stack);
  const lock = `-lock-timeout=${options.lockTimeout ?? '10m'}`;
  const budget = options.timeoutMs ?? 2 * 60 * 60_000;
  const deadline = Date.now() + budget;
  const planFile = 'rollout.tfplan';
  let total = 0;
  const step = async (what: string, args: string[], ok: (code: number) => boolean) => {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${Math.round(budget / 1000)}s (before ${what})`);
    const r = await options.runner.run(args, { cwd, env: options.env, timeoutMs: left });
    total += r.durationMs;
    if (r.timedOut) throw new Error(`${what} timed out after ${Math.round(budget / 1000)}s`);
    if (!ok(r.code)) throw new Error(`${what} exited ${r.code}: ${firstError(r.stderr || r.stdout)}`);
    return r.code;
  };
  try {
    await step('terraform init', ['init', '-input=false', lock], (c) => c === 0);
    const planned = await step('terraform plan', ['plan', '-input=false', lock, '-detailed-exitcode', `-out=${planFile}`], (c) => c === 0 || c === 2);
    if (planned === 0) return { ...base, outcome: 'no-changes', durationMs: total };
    await step('terraform apply', ['apply', '-input=false', lock, planFile], (c) => c === 0);
    return { ...base, outcome: 'applied', durationMs: total };
  } catch (e) {
    return { ...base, outcome: 'failed', reason: (e as Error).message, durationMs: total };
  } finally {
    // The saved plan holds sensitive values in clear text: never left in the stack directory.
    rmSync(join(cwd, planFile), { force: true });
  }
}
