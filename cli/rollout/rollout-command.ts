import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { durationMs } from '../../regions/rollout-schema';
import { writeFilesAtomically } from '../atomic-write';
import { resolveCatalogue } from '../catalogue-source';
import { markdownTable } from '../report/markdown-table';
import { selectStacks } from '../stack-select';
import { applyWave } from './apply-wave';
import { ciIdentitiesDoc } from './ci-identities-doc';
import { decommissionMatrices, deployMatrices, deployWorkflow, rollbackRunsOn } from './deploy-workflow';
import { runHealthGate } from './health-gate';
import { runDecommission, runRollback, writeReport } from './lifecycle-command';
import { renderGateMarkdown, renderPlanMarkdown, rolloutOrderLine } from './render';
import { durationFlag, planOf, recorder, ROLLOUT_EXIT, RolloutCommonOptions, RolloutDeps, waveOf } from './rollout-context';
import { rolloutPlan } from './waves';

export { ROLLOUT_EXIT } from './rollout-context';
export type { RolloutCommonOptions, RolloutDeps } from './rollout-context';
export { rolloutRollbackCommand } from './lifecycle-command';

/**
 * `rollout plan`: the waves, as JSON (any orchestrator) or Markdown; `--order` prints the one-line PR summary,
 * `--matrix` the listing rows of the changed stacks (a CI matrix), `--github-outputs` one matrix per deploy job.
 */
export async function rolloutPlanCommand(options: RolloutCommonOptions & { json?: boolean; order?: boolean; matrix?: boolean; githubOutputs?: boolean; retiredCommit?: boolean }, deps: RolloutDeps): Promise<number> {
  const ctx = await planOf(options, deps);
  const { plan } = ctx;
  const catalogue = resolveCatalogue(options.regions);
  if (options.retiredCommit) {
    // The newest commit any retired stack was deployed from: the deploy workflow synthesizes it to destroy them.
    const newest = [...ctx.retiredUnresolved].map((r) => r.commit).at(-1);
    deps.out(newest ? `${newest}\n` : '');
  } else if (options.githubOutputs) {
    for (const [id, rows] of Object.entries({ ...deployMatrices(catalogue, plan), ...decommissionMatrices(catalogue, plan) })) deps.out(`${id}=${JSON.stringify(rows)}\n`);
    // Whether the canary changed: its gate and bake run only then (they would hold the deploy group for nothing).
    // And the commit it was last deployed from, read before anything is applied: a rollback returns to it.
    for (const w of plan.waves.filter((x) => x.canary)) {
      deps.out(`wave${w.wave}_changed=${w.stacks.some((s) => s.changed)}\n`);
      const commits = w.stacks.map((s) => ctx.records?.get(s.stack)?.commit).filter((c): c is string => c !== undefined);
      deps.out(`wave${w.wave}_runs_on=${JSON.stringify(rollbackRunsOn(catalogue, w))}\n`);
      deps.out(`wave${w.wave}_last_deployed=${commits.length === w.stacks.length && new Set(commits).size === 1 ? commits[0] : ''}\n`);
    }
  } else if (options.matrix) {
    // Retired stacks come last, marked: a CI matrix destroys them after approval, platform first.
    const retired = Object.values(decommissionMatrices(catalogue, plan)).flat().map((r) => ({ ...r, decommission: true }));
    deps.out(`${JSON.stringify([...Object.values(deployMatrices(catalogue, plan)).flat(), ...retired])}\n`);
  } else {
    deps.out(options.json ? `${JSON.stringify(plan, null, 2)}\n` : options.order ? `${rolloutOrderLine(plan)}\n` : renderPlanMarkdown(plan));
  }
  return ROLLOUT_EXIT.ok;
}

/** `rollout workflow`: writes the deploy workflow generated from the catalogue, or with `check` says if it is stale. */
export function rolloutWorkflowCommand(options: { regions?: string; file: string; docFile?: string; check?: boolean }, deps: RolloutDeps): number {
  const catalogue = resolveCatalogue(options.regions);
  const docFile = options.docFile ?? join(dirname(options.file), '..', '..', 'docs', 'ci-identities.md');
  const generated: [string, string][] = [
    [options.file, deployWorkflow(catalogue)],
    [docFile, ciIdentitiesDoc(catalogue)],
  ];
  if (options.check) {
    const stale = generated.filter(([file, text]) => (existsSync(file) ? readFileSync(file, 'utf8') : '') !== text).map(([file]) => file);
    for (const file of stale) deps.log(`rollout: ${file} is not what the catalogue generates; run npm run rollout -- workflow`);
    if (stale.length > 0) return ROLLOUT_EXIT.stopped;
    deps.log(`rollout: ${generated.map(([f]) => f).join(' and ')} are up to date`);
    return ROLLOUT_EXIT.ok;
  }
  for (const [file, text] of generated) {
    writeFilesAtomically(dirname(file), { [basename(file)]: text });
    deps.log(`rollout: wrote ${file}`);
  }
  return ROLLOUT_EXIT.ok;
}

/**
 * `rollout apply --wave N`: applies the wave's changed stacks from saved plans and writes the reports;
 * `--wave decommission` destroys the retired stacks instead.
 */
export async function rolloutApplyCommand(options: RolloutCommonOptions & { wave?: string; stacks?: readonly string[]; concurrency?: number; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const ctx = await planOf(options, deps);
  const { plan, outdir, store } = ctx;
  if (options.wave === 'decommission') return (await runDecommission(ctx, options, deps)) ? ROLLOUT_EXIT.ok : ROLLOUT_EXIT.stopped;
  const wave = waveOf(plan, options.wave);
  const onDeployed = recorder(store, outdir, options, deps.env ?? process.env);
  const only = options.stacks ? new Set(selectStacks(wave.stacks.map((s) => s.stack), options.stacks)) : undefined;
  deps.log(`rollout: wave ${wave.wave} (${wave.environments.join(', ')}), ${wave.stacks.filter((s) => s.changed && (!only || only.has(s.stack))).length} changed stacks`);
  const results = await applyWave(wave, { outdir, runner: deps.runner, env: deps.env, concurrency: options.concurrency, only, log: deps.log, onDeployed });
  const written = writeReport(options.reportDir, { wave: wave.wave, results });
  const failed = results.find((r) => r.outcome === 'failed');
  deps.log(failed ? `rollout: wave ${wave.wave} stopped: ${failed.stack} failed; wrote ${written.join(', ')}` : `rollout: wave ${wave.wave} applied; wrote ${written.join(', ')}`);
  return failed ? ROLLOUT_EXIT.stopped : ROLLOUT_EXIT.ok;
}

/** `rollout gate --wave N`: the wave's health checks, held for its bake time (or `--bake`). */
export async function rolloutGateCommand(options: RolloutCommonOptions & { wave?: string; bake?: string; interval?: string; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const plan = rolloutPlan(catalogue, { fastPath: options.fastPath });
  const wave = waveOf(plan, options.wave);
  const bakeMs = options.bake !== undefined ? durationFlag('--bake', options.bake) : wave.bakeMs;
  const intervalMs = options.interval !== undefined ? durationFlag('--interval', options.interval) : durationMs(catalogue.rollout.checkInterval);
  if (wave.checks.length === 0) {
    deps.log(`rollout gate: wave ${wave.wave} has no health checks (rollout.healthChecks); nothing to hold`);
    return ROLLOUT_EXIT.ok;
  }
  deps.log(`rollout gate: wave ${wave.wave}, ${wave.checks.length} checks for ${bakeMs / 1000}s`);
  const outcome = await runHealthGate(wave.checks, bakeMs, intervalMs, deps.probes, deps.log);
  writeFilesAtomically(options.reportDir, {
    [`rollout-gate-${wave.wave}.json`]: `${JSON.stringify({ wave: wave.wave, ...outcome }, null, 2)}\n`,
    [`rollout-gate-${wave.wave}.md`]: renderGateMarkdown(wave.wave, outcome),
  });
  if (!outcome.passed) {
    const f = outcome.failure;
    deps.log(`rollout gate: FAILED — ${f.check.region} ${f.check.name}: ${f.detail}; later waves must not start`);
    return ROLLOUT_EXIT.stopped;
  }
  deps.log(`rollout gate: passed (${outcome.rounds} rounds)`);
  return ROLLOUT_EXIT.ok;
}

/**
 * `rollout run`: every wave in order without a human in the loop (sandboxes, orchestrators that gate elsewhere):
 * apply a wave, hold its gate, go on. A failed stack or check stops it; the waves left are reported as not applied
 * with the reason. A failing canary is rolled back to the last deployed configuration; retired stacks are destroyed
 * at the end with `--decommission` (the approval). GitHub Actions runs `apply` and `gate` per job instead, with environments for the approvals.
 */
export async function rolloutRunCommand(options: RolloutCommonOptions & { bake?: string; interval?: string; concurrency?: number; reportDir: string; decommission?: boolean }, deps: RolloutDeps): Promise<number> {
  const ctx = await planOf(options, deps);
  const { plan, outdir, store } = ctx;
  const onDeployed = recorder(store, outdir, options, deps.env ?? process.env);
  const catalogue = resolveCatalogue(options.regions);
  const bakeOverride = options.bake !== undefined ? durationFlag('--bake', options.bake) : undefined;
  const intervalMs = options.interval !== undefined ? durationFlag('--interval', options.interval) : durationMs(catalogue.rollout.checkInterval);
  const record: { wave: number | 'decommission'; outcome: string }[] = [];
  let stoppedBy: string | undefined;
  for (const wave of plan.waves) {
    if (stoppedBy) {
      record.push({ wave: wave.wave, outcome: `not applied: ${stoppedBy}` });
      continue;
    }
    deps.log(`rollout: wave ${wave.wave} (${wave.environments.join(', ')})`);
    const results = await applyWave(wave, { outdir, runner: deps.runner, env: deps.env, concurrency: options.concurrency, log: deps.log, onDeployed });
    writeReport(options.reportDir, { wave: wave.wave, results });
    const failed = results.find((r) => r.outcome === 'failed');
    let outcome = `applied (${results.filter((r) => r.outcome === 'applied').length} applied, ${results.filter((r) => r.outcome !== 'applied').length} without changes)`;
    if (failed) {
      stoppedBy = `${failed.stack} failed in wave ${wave.wave}`;
      outcome = `stopped: ${failed.stack} failed — ${failed.reason}`;
    } else if (wave.checks.length > 0) {
      const gate = await runHealthGate(wave.checks, bakeOverride ?? wave.bakeMs, intervalMs, deps.probes, deps.log);
      if (!gate.passed) {
        const f = gate.failure;
        stoppedBy = `the health gate of wave ${wave.wave} failed (${f.check.region} ${f.check.name}: ${f.detail})`;
        outcome = `applied; ${stoppedBy}`;
      }
    }
    // Only the canary rolls back on its own: a later wave's failure is a person's call (`rollout rollback --wave`).
    if (stoppedBy && wave.canary) {
      if (ctx.lastDeployedOut) {
        const rb = await runRollback(ctx, wave, { ...options, intervalMs }, deps);
        outcome += rb.restored ? '; rolled back to the last deployed configuration, healthy again' : '; rollback did NOT restore it';
      } else {
        outcome += '; not rolled back: no last deployed configuration (--last-deployed-out or --base-out)';
      }
    }
    record.push({ wave: wave.wave, outcome });
  }
  if (!stoppedBy && plan.retired.length > 0) {
    if (options.decommission) {
      const ok = await runDecommission(ctx, options, deps);
      if (!ok) stoppedBy = 'the decommission failed';
      record.push({ wave: 'decommission', outcome: ok ? `destroyed ${plan.retired.map((r) => r.stack).join(', ')}; states archived` : 'stopped: a retired stack was not destroyed (see rollout-decommission.md)' });
    } else {
      record.push({ wave: 'decommission', outcome: `waiting for approval: ${plan.retired.map((r) => r.stack).join(', ')} (run again with --decommission)` });
    }
  }
  const environments = (w: number | 'decommission') => (w === 'decommission' ? 'retired stacks' : (plan.waves.find((x) => x.wave === w)?.environments ?? []).join(', '));
  const lines = ['# Rollout run', '', ...markdownTable(['wave', 'environments', 'outcome'], record.map((r) => [String(r.wave), environments(r.wave), r.outcome]))];
  writeFilesAtomically(options.reportDir, { 'rollout-run.md': `${lines.join('\n')}\n`, 'rollout-run.json': `${JSON.stringify({ stoppedBy: stoppedBy ?? null, waves: record }, null, 2)}\n` });
  deps.log(stoppedBy ? `rollout: stopped — ${stoppedBy}` : 'rollout: every wave applied');
  return stoppedBy ? ROLLOUT_EXIT.stopped : ROLLOUT_EXIT.ok;
}
