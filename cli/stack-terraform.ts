import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { firstError } from './plan/run-plans';
import type { TerraformResult, TerraformRunner } from './terraform';

/** A terraform step that did not succeed: which, how, and terraform's first error line (with a lock's holder). */
export class TerraformStepError extends Error {
  constructor(
    public readonly step: string,
    public readonly result: Pick<TerraformResult, 'code' | 'timedOut'> | undefined,
    public readonly detail: string,
    public readonly budgetMs: number,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'TerraformStepError';
  }

  /** The deadline ran out before or during the step. */
  get timedOut(): boolean {
    return this.result === undefined || this.result.timedOut;
  }
}

export interface StackTerraformOptions {
  readonly runner: TerraformRunner;
  /** The synthesized stack directory. */
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How long plan and apply (and init, which may read state) wait for a state lock held by someone else. */
  readonly lockTimeout: string;
  /** Budget of all steps together; each step gets what is left, and none starts once it is spent. */
  readonly budgetMs: number;
}

/**
 * Terraform in one synthesized stack directory, the one way every command runs it (plan-report, drift-check,
 * rollout, the unmanaged scan): every step waits for a held lock at most `lockTimeout`, all of them share one
 * deadline, and a saved plan file never outlives `withPlanFile` — it holds sensitive values in clear text.
 */
export class StackTerraform {
  private readonly deadline: number;
  private elapsed = 0;

  constructor(private readonly o: StackTerraformOptions) {
    this.deadline = Date.now() + o.budgetMs;
  }

  /** Milliseconds terraform ran, all steps together. */
  get durationMs(): number {
    return this.elapsed;
  }

  /** Runs one step; `ok` says which exit codes are success (default 0). Returns the result, or throws TerraformStepError. */
  async step(step: string, args: readonly string[], ok: (code: number) => boolean = (c) => c === 0): Promise<TerraformResult> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw new TerraformStepError(step, undefined, 'no time left', this.o.budgetMs);
    const r = await this.o.runner.run(args, { cwd: this.o.cwd, env: this.o.env, timeoutMs: left });
    this.elapsed += r.durationMs;
    if (r.timedOut || !ok(r.code)) throw new TerraformStepError(step, r, firstError(r.stderr || r.stdout), this.o.budgetMs);
    return r;
  }

  init(): Promise<TerraformResult> {
    return this.step('init', ['init', '-input=false', this.lock]);
  }

  /** `plan -out=<file>` (plus `extra`); with -detailed-exitcode in `extra`, 0 and 2 are success. */
  plan(planFile: string, extra: readonly string[] = []): Promise<TerraformResult> {
    const detailed = extra.includes('-detailed-exitcode');
    return this.step('plan', ['plan', '-input=false', this.lock, ...extra, `-out=${planFile}`], (c) => c === 0 || (detailed && c === 2));
  }

  /** `show -json` of a saved plan. */
  async showJson(planFile: string): Promise<string> {
    return (await this.step('show', ['show', '-json', planFile])).stdout;
  }

  /** `state pull`: the state as the backend holds it, read without starting a provider (pulledInstances reads it). */
  async pullState(): Promise<string> {
    return (await this.step('state pull', ['state', 'pull'])).stdout;
  }

  apply(planFile: string): Promise<TerraformResult> {
    return this.step('apply', ['apply', '-input=false', this.lock, planFile]);
  }

  /** `plan -out` to a plan file and its `show -json`, the file removed afterwards whatever happened. */
  planJson(planFile: string, extra: readonly string[] = []): Promise<string> {
    return this.withPlanFile(planFile, async (file) => {
      await this.plan(file, extra);
      return this.showJson(file);
    });
  }

  /** Runs `fn` with a plan file name and removes the file afterwards, whatever happened. */
  async withPlanFile<T>(name: string, fn: (planFile: string) => Promise<T>): Promise<T> {
    try {
      return await fn(name);
    } finally {
      rmSync(join(this.o.cwd, name), { force: true });
    }
  }

  private get lock(): string {
    return `-lock-timeout=${this.o.lockTimeout}`;
  }
}
