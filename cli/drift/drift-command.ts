import { writeFilesAtomically } from '../atomic-write';
import { resolveCatalogue } from '../catalogue-source';
import { listStacks } from '../stacks';
import { selectStacks } from '../stack-select';
import { progressLine, synthesizedOutdir } from '../stack-run';
import type { TerraformRunner } from '../terraform';
import { buildDriftReport, driftExitCode, renderDriftJunit, renderDriftMarkdown } from './render';
import { runDriftChecks } from './run-drift';
import { constructPathsOf } from '../plan/construct-paths';

export interface DriftCheckOptions {
  /** Names or globs. @default - every stack but bootstrap */
  readonly stacks?: readonly string[];
  /** @default 2 */
  readonly concurrency?: number;
  readonly out: string;
  /** Budget per stack, in seconds. */
  readonly timeoutSeconds: number;
  /** Wait for someone else's state lock at most this long, e.g. `60s`. */
  readonly lockTimeout: string;
  readonly regions?: string;
  /** Reuse this synthesized output instead of synthesizing. */
  readonly cdktfOut?: string;
}

export interface DriftCheckDeps {
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
}

/** The nightly job: check the selected stacks, write the three reports, return the documented exit code. */
export async function driftCheckCommand(options: DriftCheckOptions, deps: DriftCheckDeps): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const stacks = selectStacks(listStacks(catalogue).map((s) => s.stack), options.stacks);
  const outdir = synthesizedOutdir(catalogue, options.cdktfOut);
  deps.log(`drift check: ${stacks.length} stacks, ${options.concurrency ?? 2} at a time`);
  const results = await runDriftChecks({
    outdir,
    stacks,
    runner: deps.runner,
    env: deps.env,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutSeconds * 1000,
    lockTimeout: options.lockTimeout,
    onProgress: (e) => deps.log(e.phase === 'start' ? progressLine(e.stack, 'started') : progressLine(e.stack, e.status!, e.ms ?? 0)),
  });
  // Each entry names the construct that made it.
  const named = results.map((r) => {
    const paths = constructPathsOf(outdir, r.stack);
    return { ...r, drifted: r.drifted.map((d) => ({ ...d, path: paths[d.address.replace(/\[[^\]]*\]$/, '')] })), pending: r.pending.map((p) => ({ ...p, path: paths[p.address.replace(/\[[^\]]*\]$/, '')] })) };
  });
  const report = buildDriftReport(named);
  const written = writeFilesAtomically(options.out, {
    'drift-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'drift-report.md': renderDriftMarkdown(report),
    'drift-report.xml': renderDriftJunit(report),
  });
  const s = report.summary;
  deps.log(`${s.drifted} drifted, ${s.error} errors, ${s['pending-changes']} pending, ${s.clean} clean (${report.resources.drifted} drifted and ${report.resources.pending} pending resources); wrote ${written.join(', ')}`);
  return driftExitCode(report);
}
