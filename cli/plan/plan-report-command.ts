import { rolloutPlan } from '../rollout/waves';
import { basename } from 'node:path';
import { resolveCatalogue } from '../catalogue-source';
import { writeFilesAtomically } from '../atomic-write';
import { UsageError } from '../errors';
import { listStacks } from '../stacks';
import { selectStacks } from '../stack-select';
import { progressLine, synthesizedOutdir } from '../stack-run';
import type { TerraformRunner } from '../terraform';
import { PlanFileError, readPlanFile } from './plan-json';
import { renderMarkdown } from './render-markdown';
import { buildReport, failOnMatches, reportJson, StackPlanInput } from './report';
import { runPlans } from './run-plans';
import { constructPathsOf } from './construct-paths';

export interface PlanReportOptions {
  /** Stack names or globs. @default - every stack but bootstrap */
  readonly stacks?: readonly string[];
  /** Saved `terraform show -json` files, `FILE` or `STACK=FILE`; when given, no terraform runs. */
  readonly planJson?: readonly string[];
  readonly out: string;
  readonly failOn?: 'destroy' | 'replace';
  /** Catalogue file. @default - the default catalogue */
  readonly regions?: string;
  /** Reuse this synthesized output instead of synthesizing. */
  readonly cdktfOut?: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
}

export interface PlanReportDeps {
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  /** Progress and summary lines. */
  readonly log: (line: string) => void;
}

/** Exit codes, documented in --help and docs/plan-report.md. */
export const PLAN_REPORT_EXIT = { ok: 0, error: 1, failOn: 3 } as const;

/** The whole command: gather plans, build the report, write it, decide the exit code. */
export async function planReportCommand(options: PlanReportOptions, deps: PlanReportDeps): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const listing = listStacks(catalogue);
  const waves = new Map(listing.map((s) => [s.stack, s.wave]));
  const layers = new Map(listing.map((s) => [s.stack, s.layer]));
  let inputs: StackPlanInput[];
  let outdir: string | undefined = options.cdktfOut;

  if (options.planJson && options.planJson.length > 0) {
    // Every selected stack gets a row: one whose plan file is missing (its plan job failed) reads "no plan".
    const expected = options.stacks && options.stacks.length > 0 ? selectStacks([...waves.keys()], options.stacks) : [];
    // Read every file before writing anything: one bad file fails the command with nothing half-written.
    inputs = options.planJson.map((arg) => {
      const [stack, file] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [stackNameFromFile(arg), arg];
      try {
        return { stack, wave: waves.get(stack), layer: layers.get(stack), plan: readPlanFile(file) };
      } catch (e) {
        if (e instanceof PlanFileError) throw new UsageError(`--plan-json ${e.message}`);
        throw e;
      }
    });
    for (const stack of expected.filter((s) => !inputs.some((i) => i.stack === s))) {
      inputs.push({ stack, wave: waves.get(stack), layer: layers.get(stack), error: 'no plan (failed): its plan job produced no plan file' });
    }
  } else {
    // Check the selection first: a typo in --stacks should not cost a synth.
    const stacks = selectStacks([...waves.keys()], options.stacks);
    outdir = synthesizedOutdir(catalogue, options.cdktfOut);
    deps.log(`planning ${stacks.length} stacks (${options.concurrency ?? 2} at a time)`);
    const results = await runPlans({
      outdir,
      stacks,
      runner: deps.runner,
      env: deps.env,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      onProgress: (e) => deps.log(e.phase === 'start' ? progressLine(e.stack, 'planning…') : progressLine(e.stack, e.ok ? 'planned' : 'FAILED', e.ms ?? 0)),
    });
    inputs = results.map((r) => ({ ...r, wave: waves.get(r.stack), layer: layers.get(r.stack) }));
  }
  const where = outdir;
  inputs = inputs.map((i) => ({ ...i, paths: constructPathsOf(where, i.stack) }));

  // The canary's critical changes are named as having no automatic way back.
  const canaryWave = rolloutPlan(catalogue).waves.find((w) => w.canary)?.wave;
  const report = buildReport(inputs.map((i) => ({ ...i, canary: canaryWave !== undefined && i.wave === canaryWave })));
  const files = writeFilesAtomically(options.out, { 'plan-report.md': renderMarkdown(report), 'plan-report.json': reportJson(report) });
  const t = report.totals;
  deps.log(`${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy; ${report.warnings.length} critical; wrote ${files.join(', ')}`);
  if (report.stacks.some((s) => s.status === 'error')) return PLAN_REPORT_EXIT.error;
  return failOnMatches(report, options.failOn) ? PLAN_REPORT_EXIT.failOn : PLAN_REPORT_EXIT.ok;
}

/** `plans/prod-us-east-1.tfplan.json` → `prod-us-east-1`. */
export function stackNameFromFile(file: string): string {
  return basename(file).replace(/\.json$/i, '').replace(/\.(tfplan|plan)$/i, '');
}

