import { markdownTable } from '../report/markdown-table';
import { isSynthesizedOutput } from '../../lib/synthesized/synthesized-output';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { durationMs } from '../../regions/rollout-schema';
import { writeFilesAtomically } from '../atomic-write';
import { resolveCatalogue } from '../catalogue-source';
import { UsageError } from '../errors';
import { selectStacks } from '../stack-select';
import { synthesizedOutdir } from '../stack-run';
import type { TerraformRunner } from '../terraform';
import { applyWave } from './apply-wave';
import { ciIdentitiesDoc } from './ci-identities-doc';
import { deployMatrices, deployWorkflow } from './deploy-workflow';
import { stackChanged } from './changed-stacks';
import { DeployRecordStore, recordStoreOf, stackDigest } from './deploy-records';
import { GateProbes, runHealthGate } from './health-gate';
import { renderApplyJunit, renderApplyMarkdown, renderGateMarkdown, renderPlanMarkdown, rolloutOrderLine } from './render';
import { RolloutPlan, rolloutPlan, RolloutWave } from './waves';

/** Exit codes of `npm run rollout`. */
export const ROLLOUT_EXIT = { ok: 0, invalidInput: 1, stopped: 2 } as const;

export interface RolloutCommonOptions {
  readonly regions?: string;
  /** Synthesized output of this commit. @default - a fresh synth into cdktf.out */
  readonly cdktfOut?: string;
  /** Synthesized output of the base (e.g. main before the merge): only stacks that differ are changed. */
  readonly baseOut?: string;
  /**
   * Deploy records (`github`, or a directory): a stack is changed when its synthesized Terraform differs from what
   * was last applied to it; `apply` writes the record of each stack it leaves at this commit's configuration.
   * @default - no records: every stack counts as changed (or as --base-out says)
   */
  readonly records?: string;
  /** The commit being deployed, for the records. @default - $GITHUB_SHA */
  readonly commit?: string;
  readonly fastPath?: boolean;
}

export interface RolloutDeps {
  readonly runner: TerraformRunner;
  readonly probes: GateProbes;
  readonly env?: NodeJS.ProcessEnv;
  /** Opens the record store a `--records` value names. @default recordStoreOf */
  readonly records?: (spec: string) => DeployRecordStore;
  readonly out: (text: string) => void;
  readonly log: (line: string) => void;
}

async function planOf(options: RolloutCommonOptions, deps: Pick<RolloutDeps, 'records' | 'env'>): Promise<{ plan: RolloutPlan; outdir: string; store?: DeployRecordStore }> {
  const catalogue = resolveCatalogue(options.regions);
  if (options.baseOut !== undefined && !isSynthesizedOutput(options.baseOut)) {
    throw new UsageError(`--base-out ${options.baseOut}: not a synthesized output (no stacks/ directory)`);
  }
  if (options.cdktfOut !== undefined && !isSynthesizedOutput(options.cdktfOut)) {
    throw new UsageError(`--cdktf-out ${options.cdktfOut}: not a synthesized output (no stacks/ directory)`);
  }
  if (options.baseOut !== undefined && options.records !== undefined) throw new UsageError('--base-out and --records: give one base, not both');
  const outdir = synthesizedOutdir(catalogue, options.cdktfOut);
  const base = options.baseOut !== undefined ? resolve(options.baseOut) : undefined;
  const store = options.records !== undefined ? (deps.records ?? ((spec) => recordStoreOf(spec, deps.env ?? process.env)))(options.records) : undefined;
  let changed: ((stack: string) => boolean) | undefined = base ? (s) => stackChanged(outdir, base, s) : undefined;
  if (store) {
    const all = rolloutPlan(catalogue).waves.flatMap((w) => w.stacks.map((s) => s.stack));
    const records = await store.read(all);
    changed = (s) => records.get(s)?.digest !== stackDigest(outdir, s);
  }
  const plan = rolloutPlan(catalogue, { fastPath: options.fastPath, changed });
  return { plan, outdir, store };
}

/** Writes the deploy record of a stack left at this commit's configuration. */
function recorder(store: DeployRecordStore | undefined, outdir: string, options: RolloutCommonOptions, env: NodeJS.ProcessEnv): ((stack: string) => Promise<void>) | undefined {
  if (!store) return undefined;
  const commit = options.commit ?? env.GITHUB_SHA;
  if (!commit) throw new UsageError('--records: the commit being deployed is unknown (give --commit, or run where GITHUB_SHA is set)');
  return (stack) => store.write({ stack, commit, digest: stackDigest(outdir, stack), appliedAt: new Date().toISOString() });
}

function waveOf(plan: RolloutPlan, wave: string | undefined): RolloutWave {
  const n = Number(wave);
  if (wave === undefined || !Number.isInteger(n)) throw new UsageError(`--wave ${wave ?? '(missing)'}: a wave number (have: ${plan.waves.map((w) => w.wave).join(', ')})`);
  const found = plan.waves.find((w) => w.wave === n);
  if (!found) throw new UsageError(`--wave ${n}: no such wave (have: ${plan.waves.map((w) => w.wave).join(', ')})`);
  return found;
}

/**
 * `rollout plan`: the waves, as JSON (any orchestrator) or Markdown; `--order` prints the one-line PR summary,
 * `--matrix` the listing rows of the changed stacks (a CI matrix), `--github-outputs` one matrix per deploy job.
 */
export async function rolloutPlanCommand(options: RolloutCommonOptions & { json?: boolean; order?: boolean; matrix?: boolean; githubOutputs?: boolean }, deps: RolloutDeps): Promise<number> {
  const { plan } = await planOf(options, deps);
  const catalogue = resolveCatalogue(options.regions);
  if (options.githubOutputs) {
    for (const [id, rows] of Object.entries(deployMatrices(catalogue, plan))) deps.out(`${id}=${JSON.stringify(rows)}\n`);
    // Whether the canary changed: its gate and bake run only then (they would hold the deploy group for nothing).
    for (const w of plan.waves.filter((x) => x.canary)) deps.out(`wave${w.wave}_changed=${w.stacks.some((s) => s.changed)}\n`);
  } else if (options.matrix) {
    deps.out(`${JSON.stringify(Object.values(deployMatrices(catalogue, plan)).flat())}\n`);
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

/** `rollout apply --wave N`: applies the wave's changed stacks from saved plans and writes the reports. */
export async function rolloutApplyCommand(options: RolloutCommonOptions & { wave?: string; stacks?: readonly string[]; concurrency?: number; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const { plan, outdir, store } = await planOf(options, deps);
  const wave = waveOf(plan, options.wave);
  const onDeployed = recorder(store, outdir, options, deps.env ?? process.env);
  const only = options.stacks ? new Set(selectStacks(wave.stacks.map((s) => s.stack), options.stacks)) : undefined;
  deps.log(`rollout: wave ${wave.wave} (${wave.environments.join(', ')}), ${wave.stacks.filter((s) => s.changed && (!only || only.has(s.stack))).length} changed stacks`);
  const results = await applyWave(wave, { outdir, runner: deps.runner, env: deps.env, concurrency: options.concurrency, only, log: deps.log, onDeployed });
  const report = { wave: wave.wave, results };
  const written = writeFilesAtomically(options.reportDir, {
    [`rollout-wave-${wave.wave}.json`]: `${JSON.stringify(report, null, 2)}\n`,
    [`rollout-wave-${wave.wave}.md`]: renderApplyMarkdown(report),
    [`rollout-wave-${wave.wave}.xml`]: renderApplyJunit(report),
  });
  const failed = results.find((r) => r.outcome === 'failed');
  deps.log(failed ? `rollout: wave ${wave.wave} stopped: ${failed.stack} failed; wrote ${written.join(', ')}` : `rollout: wave ${wave.wave} applied; wrote ${written.join(', ')}`);
  return failed ? ROLLOUT_EXIT.stopped : ROLLOUT_EXIT.ok;
}

/** `rollout gate --wave N`: the wave's health checks, held for its bake time (or `--bake`). */
export async function rolloutGateCommand(options: RolloutCommonOptions & { wave?: string; bake?: string; interval?: string; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const plan = rolloutPlan(catalogue, { fastPath: options.fastPath });
  const wave = waveOf(plan, options.wave);
  const parse = (flag: string, v: string) => {
    try {
      return durationMs(v);
    } catch (e) {
      throw new UsageError(`${flag} ${v}: ${(e as Error).message}`);
    }
  };
  const bakeMs = options.bake !== undefined ? parse('--bake', options.bake) : wave.bakeMs;
  const intervalMs = options.interval !== undefined ? parse('--interval', options.interval) : durationMs(catalogue.rollout.checkInterval);
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
 * with the reason. GitHub Actions runs `apply` and `gate` per job instead, with environments for the approvals.
 */
export async function rolloutRunCommand(options: RolloutCommonOptions & { bake?: string; interval?: string; concurrency?: number; reportDir: string }, deps: RolloutDeps): Promise<number> {
  const { plan, outdir, store } = await planOf(options, deps);
  const onDeployed = recorder(store, outdir, options, deps.env ?? process.env);
  const catalogue = resolveCatalogue(options.regions);
  const parse = (flag: string, v: string) => {
    try {
      return durationMs(v);
    } catch (e) {
      throw new UsageError(`${flag} ${v}: ${(e as Error).message}`);
    }
  };
  const bakeOverride = options.bake !== undefined ? parse('--bake', options.bake) : undefined;
  const intervalMs = options.interval !== undefined ? parse('--interval', options.interval) : durationMs(catalogue.rollout.checkInterval);
  const lines = ['# Rollout run', ''];
  const record: { wave: number; outcome: string }[] = [];
  let stoppedBy: string | undefined;
  for (const wave of plan.waves) {
    if (stoppedBy) {
      record.push({ wave: wave.wave, outcome: `not applied: ${stoppedBy}` });
      continue;
    }
    deps.log(`rollout: wave ${wave.wave} (${wave.environments.join(', ')})`);
    const results = await applyWave(wave, { outdir, runner: deps.runner, env: deps.env, concurrency: options.concurrency, log: deps.log, onDeployed });
    const failed = results.find((r) => r.outcome === 'failed');
    if (failed) {
      stoppedBy = `${failed.stack} failed in wave ${wave.wave}`;
      record.push({ wave: wave.wave, outcome: `stopped: ${failed.stack} failed — ${failed.reason}` });
      continue;
    }
    if (wave.checks.length > 0) {
      const gate = await runHealthGate(wave.checks, bakeOverride ?? wave.bakeMs, intervalMs, deps.probes, deps.log);
      if (!gate.passed) {
        const f = gate.failure;
        stoppedBy = `the health gate of wave ${wave.wave} failed (${f.check.region} ${f.check.name}: ${f.detail})`;
        record.push({ wave: wave.wave, outcome: `applied; ${stoppedBy}` });
        continue;
      }
    }
    record.push({ wave: wave.wave, outcome: `applied (${results.filter((r) => r.outcome === 'applied').length} applied, ${results.filter((r) => r.outcome !== 'applied').length} without changes)` });
  }
  lines.push(...markdownTable(['wave', 'environments', 'outcome'], record.map((r) => [String(r.wave), (plan.waves.find((w) => w.wave === r.wave)?.environments ?? []).join(', '), r.outcome])));
  writeFilesAtomically(options.reportDir, { 'rollout-run.md': `${lines.join('\n')}\n`, 'rollout-run.json': `${JSON.stringify({ stoppedBy: stoppedBy ?? null, waves: record }, null, 2)}\n` });
  deps.log(stoppedBy ? `rollout: stopped — ${stoppedBy}` : 'rollout: every wave applied');
  return stoppedBy ? ROLLOUT_EXIT.stopped : ROLLOUT_EXIT.ok;
}
