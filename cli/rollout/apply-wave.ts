import { join } from 'node:path';
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
        const r = await applyStack(s, options);
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
  const run = (args: string[]) => options.runner.run(args, { cwd, env: options.env });
  let total = 0;
  const step = async (what: string, args: string[], ok: (code: number) => boolean) => {
    const r = await run(args);
    total += r.durationMs;
    if (!ok(r.code)) throw new Error(`${what} exited ${r.code}: ${firstError(r.stderr || r.stdout)}`);
    return r.code;
  };
  try {
    await step('terraform init', ['init', '-input=false'], (c) => c === 0);
    const planned = await step('terraform plan', ['plan', '-input=false', '-detailed-exitcode', '-out=rollout.tfplan'], (c) => c === 0 || c === 2);
    if (planned === 0) return { ...base, outcome: 'no-changes', durationMs: total };
    await step('terraform apply', ['apply', '-input=false', 'rollout.tfplan'], (c) => c === 0);
    return { ...base, outcome: 'applied', durationMs: total };
  } catch (e) {
    return { ...base, outcome: 'failed', reason: (e as Error).message, durationMs: total };
  }
}

/** The first `Error: …` line terraform printed, or its first line. */
export function firstError(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
  return lines.find((l) => l.startsWith('Error:')) ?? lines[0] ?? 'no output';
}
