import { existsSync } from 'node:fs';
import { stackFile } from '../../lib/synthesized/synthesized-output';
import type { TerraformRunner } from '../terraform';
import { applyWave, StackApplyResult } from './apply-wave';
import { GateOutcome, GateProbes, runHealthGate } from './health-gate';
import type { RolloutWave } from './waves';

/** A rollback: what re-applying the last deployed configuration did, and whether the region is healthy on it. */
export interface RollbackOutcome {
  readonly wave: number;
  readonly results: readonly StackApplyResult[];
  /** The gate held again after the re-apply; absent when the wave has no checks or the re-apply failed. */
  readonly gate?: GateOutcome;
  /** Re-applied everywhere and (when it has checks) healthy again. */
  readonly restored: boolean;
}

export interface RollbackOptions {
  /** Synthesized output of the last deployed configuration. */
  readonly lastDeployedOut: string;
  readonly runner: TerraformRunner;
  readonly probes: GateProbes;
  readonly env?: NodeJS.ProcessEnv;
  readonly concurrency?: number;
  /** How long the confirming gate holds the checks. @default 0 (one round) */
  readonly bakeMs?: number;
  readonly intervalMs: number;
  readonly log?: (line: string) => void;
  /** Called per stack left at the last deployed configuration (its deploy record goes back to it). */
  readonly onDeployed?: (stack: string) => Promise<void>;
}

/**
 * Rolls a wave back: every stack of it is re-applied from the last deployed configuration (saved plan, then apply)
 * in reverse layer order — platform before infrastructure, so in-cluster objects never sit on an infrastructure
 * change that is being undone — then its health gate is held again. A stack with no last deployed configuration
 * (new in the failed change) is left as it is and named. What a re-apply cannot bring back (a destroyed database,
 * a replaced cluster) the plan report named before the merge.
 */
export async function rollbackWave(wave: RolloutWave, options: RollbackOptions): Promise<RollbackOutcome> {
  const log = options.log ?? (() => {});
  const known = wave.stacks.filter((s) => existsSync(stackFile(options.lastDeployedOut, s.stack)));
  const unknown = wave.stacks.filter((s) => !known.includes(s));
  log(`rollout: rolling wave ${wave.wave} back to the last deployed configuration (${known.length} stacks)`);
  const applied = await applyWave(
    { ...wave, stacks: known.map((s) => ({ ...s, changed: true })) },
    { outdir: options.lastDeployedOut, runner: options.runner, env: options.env, concurrency: options.concurrency, log, onDeployed: options.onDeployed, layerOrder: ['global', 'platform', 'infrastructure'] },
  );
  const results: StackApplyResult[] = [
    ...applied,
    ...unknown.map((s) => ({ stack: s.stack, layer: s.layer, outcome: 'skipped' as const, reason: 'no last deployed configuration (new in this change): left as applied', durationMs: 0 })),
  ];
  const reapplied = applied.every((r) => r.outcome === 'applied' || r.outcome === 'no-changes');
  if (!reapplied || wave.checks.length === 0) return { wave: wave.wave, results, restored: reapplied && unknown.length === 0 };
  const gate = await runHealthGate(wave.checks, options.bakeMs ?? 0, options.intervalMs, options.probes, log);
  return { wave: wave.wave, results, gate, restored: gate.passed && unknown.length === 0 };
}
