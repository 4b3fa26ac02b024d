import { writeFilesAtomically } from '../atomic-write';
import { resolveCatalogue } from '../catalogue-source';
import { listStacks } from '../stacks';
import { selectStacks } from '../stack-select';
import { progressLine, synthesizedOutdir } from '../stack-run';
import type { TerraformRunner } from '../terraform';
import { buildDriftReport, driftExitCode, renderDriftJunit, renderDriftMarkdown } from './render';
import { runDriftChecks } from './run-drift';
import { constructPathsOf } from '../plan/construct-paths';
import { AwsApi, awsSdk } from '../aws/aws-api';
import { azCli, AzureApi } from '../azure/az-cli';
import { UsageError } from '../errors';
import { loadIgnoreFile } from '../unmanaged/ignore-file';
import { runUnmanagedScan } from '../unmanaged/run-unmanaged';

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
  /** Also scan the selected stacks' AWS accounts and regions for fleet resources no state holds. */
  readonly unmanaged?: boolean;
  /** Accepted unmanaged things, each with a reason. */
  readonly unmanagedIgnore?: string;
}

export interface DriftCheckDeps {
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** For `--unmanaged`. */
  readonly api?: AwsApi;
  /** For `--unmanaged` on Azure stacks. @default the az CLI */
  readonly azure?: AzureApi;
}

/** The nightly job: check the selected stacks, write the three reports, return the documented exit code. */
export async function driftCheckCommand(options: DriftCheckOptions, deps: DriftCheckDeps): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const ignores = options.unmanagedIgnore !== undefined ? loadIgnoreFile(options.unmanagedIgnore) : [];
  if (options.unmanagedIgnore !== undefined && !options.unmanaged) throw new UsageError('--unmanaged-ignore: only with --unmanaged');
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
    onProgress: (e) => deps.log(e.phase === 'start' ? progressLine(e.stack, 'started') : progressLine(e.stack, e.status, e.ms)),
  });
  // Each entry names the construct that made it.
  const named = results.map((r) => {
    const paths = constructPathsOf(outdir, r.stack);
    return { ...r, drifted: r.drifted.map((d) => ({ ...d, path: paths[d.address.replace(/\[[^\]]*\]$/, '')] })), pending: r.pending.map((p) => ({ ...p, path: paths[p.address.replace(/\[[^\]]*\]$/, '')] })) };
  });
  const unmanaged = options.unmanaged
    ? await runUnmanagedScan({ catalogue, stacks: listStacks(catalogue), selected: stacks, outdir, runner: deps.runner, env: deps.env, api: deps.api ?? awsSdk(deps.env), azure: deps.azure ?? azCli(deps.env), ignores, log: deps.log, concurrency: options.concurrency })
    : undefined;
  const report = { ...buildDriftReport(named), ...(unmanaged ? { unmanaged } : {}) };
  const written = writeFilesAtomically(options.out, {
    'drift-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'drift-report.md': renderDriftMarkdown(report),
    'drift-report.xml': renderDriftJunit(report),
  });
  const s = report.summary;
  const u = unmanaged ? `; ${unmanaged.findings.length} unmanaged, ${unmanaged.ignored.length} ignored${unmanaged.errors.length ? `, ${unmanaged.errors.length} scan errors` : ''}` : '';
  deps.log(`${s.drifted} drifted, ${s.error} errors, ${s['pending-changes']} pending, ${s.clean} clean (${report.resources.drifted} drifted and ${report.resources.pending} pending resources)${u}; wrote ${written.join(', ')}`);
  return driftExitCode(report);
}
