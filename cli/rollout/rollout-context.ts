import { resolve } from 'node:path';
import { isSynthesizedOutput } from '../../lib/synthesized/synthesized-output';
import { durationMs } from '../../regions/rollout-schema';
import { resolveCatalogue } from '../catalogue-source';
import { UsageError } from '../errors';
import { synthesizedOutdir } from '../stack-run';
import { listStacks } from '../stacks';
import type { TerraformRunner } from '../terraform';
import { stackChanged } from './changed-stacks';
import { DeployRecord, DeployRecordStore, recordStoreOf, stackDigest } from './deploy-records';
import type { GateProbes } from './health-gate';
import { assertDecommissionable, retiredStacks } from './retired-stacks';
import { RolloutPlan, rolloutPlan, RolloutWave } from './waves';

/*
 * What every rollout subcommand shares: its options, its dependencies, and the plan they make (which stacks
 * changed, which were retired) from the catalogue, the synthesized outputs and the deploy records.
 */

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
  /**
   * Synthesized output of the last deployed configuration: retired stacks are destroyed, and a rollback re-applied,
   * from it. @default - the --base-out output
   */
  readonly lastDeployedOut?: string;
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

/** A plan with what it was made from. */
export interface PlanContext {
  readonly plan: RolloutPlan;
  readonly outdir: string;
  readonly store?: DeployRecordStore;
  readonly lastDeployedOut?: string;
  /** Retired stacks the records know whose configuration no --last-deployed-out gives, with their commits. */
  readonly retiredUnresolved: readonly { stack: string; commit: string }[];
  /** The deploy records read (with --records), as they were before this run applied anything. */
  readonly records?: ReadonlyMap<string, DeployRecord>;
}

function outputFlag(flag: string, dir: string | undefined): string | undefined {
  if (dir !== undefined && !isSynthesizedOutput(dir)) throw new UsageError(`${flag} ${dir}: not a synthesized output (no stacks/ directory)`);
  return dir === undefined ? undefined : resolve(dir);
}

/** The rollout plan of the options: changed stacks (base output or records) and retired ones. */
export async function planOf(options: RolloutCommonOptions, deps: Pick<RolloutDeps, 'records' | 'env'>): Promise<PlanContext> {
  const catalogue = resolveCatalogue(options.regions);
  const base = outputFlag('--base-out', options.baseOut);
  outputFlag('--cdktf-out', options.cdktfOut);
  const lastDeployedOut = outputFlag('--last-deployed-out', options.lastDeployedOut) ?? base;
  if (options.baseOut !== undefined && options.records !== undefined) throw new UsageError('--base-out and --records: give one base, not both');
  const outdir = synthesizedOutdir(catalogue, options.cdktfOut);
  const store = options.records !== undefined ? (deps.records ?? ((spec) => recordStoreOf(spec, deps.env ?? process.env)))(options.records) : undefined;
  const head = new Set(listStacks(catalogue).map((r) => r.stack));
  let changed: ((stack: string) => boolean) | undefined = base ? (s) => stackChanged(outdir, base, s) : undefined;
  let retiredUnresolved: { stack: string; commit: string }[] = [];
  let retired = lastDeployedOut ? retiredStacks(lastDeployedOut, head) : [];
  let records: ReadonlyMap<string, DeployRecord> | undefined;
  if (store) {
    const all = rolloutPlan(catalogue).waves.flatMap((w) => w.stacks.map((s) => s.stack));
    records = await store.read(all);
    const read = records;
    changed = (s) => read.get(s)?.digest !== stackDigest(outdir, s);
    const gone = (await store.list()).filter((r) => !head.has(r.stack) && r.stack !== 'global');
    const known = new Set(retired.map((r) => r.stack));
    // Only what the records say is deployed is retired; a stack of the given output never deployed is not.
    retired = retired.filter((r) => gone.some((g) => g.stack === r.stack));
    retiredUnresolved = gone.filter((g) => !known.has(g.stack)).map((g) => ({ stack: g.stack, commit: g.commit }));
  }
  assertDecommissionable(retired);
  const plan = rolloutPlan(catalogue, { fastPath: options.fastPath, changed, retired });
  return { plan, outdir, store, lastDeployedOut, retiredUnresolved, records };
}

/** Writes the deploy record of a stack left at this commit's configuration. */
export function recorder(store: DeployRecordStore | undefined, outdir: string, options: RolloutCommonOptions, env: NodeJS.ProcessEnv): ((stack: string) => Promise<void>) | undefined {
  if (!store) return undefined;
  const commit = options.commit ?? env.GITHUB_SHA;
  if (!commit) throw new UsageError('--records: the commit being deployed is unknown (give --commit, or run where GITHUB_SHA is set)');
  return (stack) => store.write({ stack, commit, digest: stackDigest(outdir, stack), appliedAt: new Date().toISOString() });
}

export function waveOf(plan: RolloutPlan, wave: string | undefined): RolloutWave {
  const n = Number(wave);
  if (wave === undefined || !Number.isInteger(n)) throw new UsageError(`--wave ${wave ?? '(missing)'}: a wave number (have: ${plan.waves.map((w) => w.wave).join(', ')})`);
  const found = plan.waves.find((w) => w.wave === n);
  if (!found) throw new UsageError(`--wave ${n}: no such wave (have: ${plan.waves.map((w) => w.wave).join(', ')})`);
  return found;
}


/** A duration flag (`30m`), or a one-line usage error naming it. */
export function durationFlag(flag: string, value: string): number {
  try {
    return durationMs(value);
  } catch (e) {
    throw new UsageError(`${flag} ${value}: ${(e as Error).message}`);
  }
}
