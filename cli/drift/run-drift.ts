import { stackDir, stackFile } from '../../lib/synthesized/synthesized-output';
import { existsSync } from 'node:fs';
import { mapLimit } from '../concurrency';
import { parsePlanJson } from '../plan/plan-json';
import type { StackRunOptions } from '../stack-run';
import { StackTerraform, TerraformStepError } from '../stack-terraform';
import { classifyStack, DriftedResource, DriftStatus, PendingChange } from './classify';

export interface StackDriftResult {
  readonly stack: string;
  readonly status: DriftStatus;
  readonly durationMs: number;
  readonly drifted: DriftedResource[];
  readonly pending: PendingChange[];
  readonly error?: string;
}

export interface RunDriftOptions extends StackRunOptions {
  /** Budget for one stack, all its terraform commands together. */
  readonly timeoutMs: number;
  /** How long to wait for a state lock held by someone else, e.g. `60s`. */
  readonly lockTimeout: string;
  readonly onProgress?: (event: { stack: string; phase: 'start' } | { stack: string; phase: 'done'; status: DriftStatus; ms: number }) => void;
}

/**
 * For each stack: init and one normal plan, read through `show -json`. The plan refreshes first, and its JSON
 * carries both what changed in the real world (`resource_drift`, the same objects a refresh-only plan reports) and
 * what configuration is not applied yet (`resource_changes`), so a second, refresh-only plan would only double the
 * provider calls and the time the state is locked. Plans hold the state lock only while they run and wait for
 * someone else's lock at most `lockTimeout`. One stack's failure is that stack's `error`; the others go on.
 */
export function runDriftChecks(options: RunDriftOptions): Promise<StackDriftResult[]> {
  return mapLimit(options.stacks, options.concurrency ?? 2, async (stack) => {
    const started = Date.now();
    options.onProgress?.({ stack, phase: 'start' });
    const done = (r: Omit<StackDriftResult, 'stack' | 'durationMs'>): StackDriftResult => {
      const result = { stack, durationMs: Date.now() - started, ...r };
      options.onProgress?.({ stack, phase: 'done', status: result.status, ms: result.durationMs });
      return result;
    };
    const fail = (error: string) => done({ status: 'error', drifted: [], pending: [], error });
    const cwd = stackDir(options.outdir, stack);
    if (!existsSync(stackFile(options.outdir, stack))) return fail(`no synthesized stack at ${cwd}`);

    const tf = new StackTerraform({ runner: options.runner, cwd, env: options.env, lockTimeout: options.lockTimeout, budgetMs: options.timeoutMs });
    const label: Record<string, string> = { init: 'terraform init', plan: 'plan', show: 'show' };
    let shown: string;
    try {
      await tf.init();
      shown = await tf.planJson('drift-plan.tfplan');
    } catch (e) {
      if (!(e instanceof TerraformStepError)) throw e;
      const what = label[e.step] ?? e.step;
      const secs = Math.round(options.timeoutMs / 1000);
      return fail(e.result === undefined ? `timed out after ${secs}s (before ${what})` : e.result.timedOut ? `timed out after ${secs}s during ${what}` : `${what} failed: ${e.detail}`);
    }
    try {
      const plan = parsePlanJson(shown, `${stack} plan`);
      return done(classifyStack(plan, plan));
    } catch (e) {
      return fail((e as Error).message);
    }
  });
}
