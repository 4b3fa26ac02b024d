import { stackDir, stackFile } from '../../lib/synthesized/synthesized-output';
import { existsSync } from 'node:fs';
import { mapLimit } from '../concurrency';
import type { StackRunOptions } from '../stack-run';
import { StackTerraform, TerraformStepError } from '../stack-terraform';
import { parsePlanJson, PlanJson } from './plan-json';

export interface RunPlansOptions extends StackRunOptions {
  /** Per terraform command (init, plan, show: three times this for the stack). @default 20 minutes */
  readonly timeoutMs?: number;
  /** How long to wait for a state lock held by someone else. @default '120s' */
  readonly lockTimeout?: string;
  /** Called when a stack starts and finishes, for progress lines. */
  readonly onProgress?: (event: { stack: string; phase: 'start' | 'done'; ok?: boolean; ms?: number }) => void;
}

export interface StackPlanResult {
  readonly stack: string;
  readonly plan?: PlanJson;
  readonly error?: string;
}

/**
 * init → plan -out → show -json for each stack, a bounded number at once. A failing stack yields an error for
 * that stack only; the others carry on.
 */
export function runPlans(options: RunPlansOptions): Promise<StackPlanResult[]> {
  const timeoutMs = options.timeoutMs ?? 20 * 60_000;
  return mapLimit(options.stacks, options.concurrency ?? 2, async (stack) => {
    const cwd = stackDir(options.outdir, stack);
    const started = Date.now();
    options.onProgress?.({ stack, phase: 'start' });
    const finish = (result: StackPlanResult) => {
      options.onProgress?.({ stack, phase: 'done', ok: !result.error, ms: Date.now() - started });
      return result;
    };
    if (!existsSync(stackFile(options.outdir, stack))) return finish({ stack, error: `no synthesized stack at ${cwd}` });
    // Three steps, each allowed `timeoutMs` as before: one deadline for the three.
    const tf = new StackTerraform({ runner: options.runner, cwd, env: options.env, lockTimeout: options.lockTimeout ?? '120s', budgetMs: 3 * timeoutMs });
    let shown: string;
    try {
      await tf.init();
      shown = await tf.planJson('plan-report.tfplan');
    } catch (e) {
      if (!(e instanceof TerraformStepError)) throw e;
      return finish({ stack, error: `terraform ${e.step} ${e.timedOut ? 'timed out' : 'failed'}: ${e.detail}` });
    }
    try {
      return finish({ stack, plan: parsePlanJson(shown, `${stack} plan`) });
    } catch (e) {
      return finish({ stack, error: (e as Error).message });
    }
  });
}

/** The first "Error: …" line of terraform's output, or its first non-empty line. */
export function firstError(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
  const error = lines.find((l) => l.startsWith('Error:'));
  const holder = lockHolder(lines);
  return `${(error ?? lines[0] ?? 'no output').slice(0, 400)}${holder ? ` (${holder})` : ''}`;
}

/** Who holds a state lock and since when, from Terraform's "Lock Info:" block. */
function lockHolder(lines: readonly string[]): string | undefined {
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const who = field('Who');
  if (!lines.includes('Lock Info:') && !who) return undefined;
  const parts = [who && `held by ${who}`, field('Created') && `since ${field('Created')}`, field('Operation') && `for ${field('Operation')}`, field('ID') && `lock ID ${field('ID')}`];
  return parts.filter(Boolean).join(', ') || undefined;
}
