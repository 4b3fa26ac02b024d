import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mapLimit } from '../concurrency';
import { parsePlanJson } from '../plan/plan-json';
import { firstError } from '../plan/run-plans';
import type { StackRunOptions } from '../stack-run';
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
  const lock = `-lock-timeout=${options.lockTimeout}`;
  return mapLimit(options.stacks, options.concurrency ?? 2, async (stack) => {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    options.onProgress?.({ stack, phase: 'start' });
    const done = (r: Omit<StackDriftResult, 'stack' | 'durationMs'>): StackDriftResult => {
      const result = { stack, durationMs: Date.now() - started, ...r };
      options.onProgress?.({ stack, phase: 'done', status: result.status, ms: result.durationMs });
      return result;
    };
    const fail = (error: string) => done({ status: 'error', drifted: [], pending: [], error });
    const cwd = join(options.outdir, 'stacks', stack);
    if (!existsSync(join(cwd, 'cdk.tf.json'))) return fail(`no synthesized stack at ${cwd}`);

    const step = async (label: string, args: string[]): Promise<string | { error: string }> => {
      const left = deadline - Date.now();
      if (left <= 0) return { error: `timed out after ${Math.round(options.timeoutMs / 1000)}s (before ${label})` };
      const r = await options.runner.run(args, { cwd, env: options.env, timeoutMs: left });
      if (r.timedOut) return { error: `timed out after ${Math.round(options.timeoutMs / 1000)}s during ${label}` };
      if (r.code !== 0) return { error: `${label} failed: ${firstError(r.stderr || r.stdout)}` };
      return r.stdout;
    };
    const steps: [string, string[]][] = [
      ['terraform init', ['init', '-input=false', lock]],
      ['plan', ['plan', '-input=false', lock, '-out=drift-plan.tfplan']],
      ['show', ['show', '-json', 'drift-plan.tfplan']],
    ];
    const outputs: string[] = [];
    try {
      for (const [label, args] of steps) {
        const out = await step(label, args);
        if (typeof out !== 'string') return fail(out.error);
        outputs.push(out);
      }
    } finally {
      // Binary plans hold sensitive values in clear text: never left behind in the stack directory.
      rmSync(join(cwd, 'drift-plan.tfplan'), { force: true });
    }
    try {
      const plan = parsePlanJson(outputs[2], `${stack} plan`);
      return done(classifyStack(plan, plan));
    } catch (e) {
      return fail((e as Error).message);
    }
  });
}
