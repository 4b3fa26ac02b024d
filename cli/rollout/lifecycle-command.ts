import { writeFilesAtomically } from '../atomic-write';
import { resolveCatalogue } from '../catalogue-source';
import { UsageError } from '../errors';
import { selectStacks } from '../stack-select';
import { decommissionStacks } from './decommission';
import { stackDigest } from './deploy-records';
import { ApplyReport, renderApplyJunit, renderApplyMarkdown, reportBase } from './render';
import { rollbackWave, RollbackOutcome } from './rollback';
import { durationFlag, PlanContext, planOf, ROLLOUT_EXIT, RolloutCommonOptions, RolloutDeps, waveOf } from './rollout-context';
import type { RolloutWave } from './waves';
import { durationMs } from '../../regions/rollout-schema';

/** Writes one report as md, json and JUnit; returns the files written. */
export function writeReport(reportDir: string, report: ApplyReport, extra: Record<string, unknown> = {}): string[] {
  const base = reportBase(report);
  return writeFilesAtomically(reportDir, {
    [`${base}.json`]: `${JSON.stringify({ ...report, ...extra }, null, 2)}\n`,
    [`${base}.md`]: renderApplyMarkdown(report),
    [`${base}.xml`]: renderApplyJunit(report),
  });
}

/**
 * Rolls one wave back to the last deployed configuration and writes `rollout-rollback-N.*`. The deploy records of
 * the stacks it restores go back to that configuration (with the commit given, the one it was synthesized from).
 */
export async function runRollback(ctx: PlanContext, wave: RolloutWave, options: RolloutCommonOptions & { concurrency?: number; bakeMs?: number; intervalMs: number; reportDir: string }, deps: RolloutDeps): Promise<RollbackOutcome> {
  const last = ctx.lastDeployedOut;
  if (!last) throw new UsageError('rollback: the last deployed configuration is unknown (give --last-deployed-out, or --base-out)');
  const env = deps.env ?? process.env;
  let onDeployed: ((stack: string) => Promise<void>) | undefined;
  if (ctx.store) {
    const commit = options.commit ?? env.GITHUB_SHA;
    if (!commit) throw new UsageError('rollback --records: the commit of the last deployed configuration is unknown (give --commit)');
    const store = ctx.store;
    onDeployed = (stack) => store.write({ stack, commit, digest: stackDigest(last, stack), appliedAt: new Date().toISOString() });
  }
  const outcome = await rollbackWave(wave, { lastDeployedOut: last, runner: deps.runner, probes: deps.probes, env: deps.env, concurrency: options.concurrency, bakeMs: options.bakeMs, intervalMs: options.intervalMs, log: deps.log, onDeployed });
  const written = writeReport(options.reportDir, { wave: wave.wave, kind: 'rollback', results: outcome.results, gate: outcome.gate }, { restored: outcome.restored });
  deps.log(outcome.restored ? `rollout: wave ${wave.wave} rolled back to the last deployed configuration and healthy; wrote ${written.join(', ')}` : `rollout: rollback of wave ${wave.wave} did NOT restore it — a person must act now; wrote ${written.join(', ')}`);
  return outcome;
}

/**
 * `rollout rollback [--wave N]`: the canary wave (or the wave asked for) back to the last deployed configuration,
 * its gate held again. Exits 2 either way: the change did not ship.
 */
export async function rolloutRollbackCommand(options: RolloutCommonOptions & { wave?: string; bake?: string; interval?: string; concurrency?: number; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const ctx = await planOf(options, deps);
  const canary = ctx.plan.waves.find((w) => w.canary);
  if (options.wave === undefined && !canary) throw new UsageError('rollback: the catalogue has no canary wave; name one with --wave');
  const wave = options.wave === undefined && canary ? canary : waveOf(ctx.plan, options.wave);
  const catalogue = resolveCatalogue(options.regions);
  const intervalMs = options.interval !== undefined ? durationFlag('--interval', options.interval) : durationMs(catalogue.rollout.checkInterval);
  await runRollback(ctx, wave, { ...options, bakeMs: options.bake !== undefined ? durationFlag('--bake', options.bake) : 0, intervalMs }, deps);
  return ROLLOUT_EXIT.stopped;
}

/**
 * Destroys the retired stacks (`rollout apply --wave decommission`, or the end of `rollout run --decommission`) and
 * writes `rollout-decommission.*`. Returns whether every one was destroyed.
 */
export async function runDecommission(ctx: PlanContext, options: { reportDir: string; stacks?: readonly string[] }, deps: RolloutDeps): Promise<boolean> {
  const chosen = options.stacks ? new Set(selectStacks(ctx.plan.retired.map((r) => r.stack), options.stacks)) : undefined;
  const retired = ctx.plan.retired.filter((r) => !chosen || chosen.has(r.stack));
  if (ctx.retiredUnresolved.length > 0) {
    const [first] = ctx.retiredUnresolved;
    throw new UsageError(`decommission: ${ctx.retiredUnresolved.map((r) => r.stack).join(', ')} retired but not in --last-deployed-out (synthesize commit ${first.commit} and give its output)`);
  }
  if (retired.length === 0) {
    deps.log('rollout: no retired stacks to decommission');
    return true;
  }
  const store = ctx.store;
  const results = await decommissionStacks(retired, { lastDeployedOut: ctx.lastDeployedOut as string, runner: deps.runner, env: deps.env, log: deps.log, onDestroyed: store ? (s) => store.retire(s) : undefined });
  const written = writeReport(options.reportDir, { wave: 'decommission', kind: 'decommission', results: results.map((r) => ({ ...r, reason: r.reason ?? (r.archivedAs ? `${r.destroyed} resources destroyed; state archived as ${r.archivedAs}` : undefined) })) }, { archived: results.filter((r) => r.archivedAs).map((r) => ({ stack: r.stack, archivedAs: r.archivedAs })) });
  const failed = results.find((r) => r.outcome === 'failed');
  deps.log(failed ? `rollout: decommission stopped: ${failed.stack} — ${failed.reason}; wrote ${written.join(', ')}` : `rollout: ${results.length} retired stacks destroyed; wrote ${written.join(', ')}`);
  return !failed;
}
