import { readStackJson, synthesizedStackNames } from '../../lib/synthesized/synthesized-output';
import { ProcessResult, runProcessSync } from '../process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/**
 * The switch to CDK Terrain, as it works today (measured, see docs/library.md): `cdktf` becomes an alias of `cdktn`, so the
 * `@cdktf/provider-*` packages (which keep `cdktf` as a peer) load the one core; constructs moves into cdktn's
 * peer range; `legacy-peer-deps` accepts the providers' peer declaration.
 */
export const CDKTN_SWITCH = { cdktf: 'npm:cdktn@0.24.0', constructs: '10.7.2' } as const;

/** Directories not copied into the throwaway tree. */
const SKIP = new Set(['node_modules', 'dist', 'pkg', 'cdktf.out', '.git', 'reports', 'coverage']);

export interface CheckStep {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Synthesized stacks as `stack → cdk.tf.json text` with cdktf's version metadata dropped (the one expected difference). */
export function synthesizedWithoutVersion(outdir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const stack of synthesizedStackNames(outdir)) {
    const json = readStackJson(outdir, stack) as { '//'?: { metadata?: { version?: string } } } | undefined;
    if (!json) continue;
    if (json['//']?.metadata) delete json['//'].metadata.version;
    out[stack] = JSON.stringify(json, null, 2);
  }
  return out;
}

/** Stacks whose JSON differs (or exists on one side only), with the first differing line. */
export function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const diffs: string[] = [];
  for (const stack of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[stack] === undefined || b[stack] === undefined) {
      diffs.push(`${stack}: only in ${a[stack] === undefined ? 'cdktn' : 'cdktf'}`);
      continue;
    }
    if (a[stack] === b[stack]) continue;
    const la = a[stack].split('\n');
    const lb = b[stack].split('\n');
    const i = la.findIndex((l, n) => l !== lb[n]);
    diffs.push(`${stack}: line ${i + 1}: cdktf ${la[i]?.trim()} / cdktn ${lb[i]?.trim()}`);
  }
  return diffs;
}

/** The unit suites that exercise the cdktf core itself (see checkCdktn). */
export const CORE_SUITES = ['__tests__/stacks/', '__tests__/network/', '__tests__/guardrails/evaluate.test.ts', '__tests__/adoption/adoption.test.ts', '__tests__/cluster/eks-cluster.test.ts'];

/**
 * In a throwaway copy of the project: switch to cdktn, install, run the unit tests, synthesize the fleet, and
 * compare with this project's cdktf synth. Nothing in the project itself changes.
 */
export function checkCdktn(root: string, log: (line: string) => void, options: { unitTests?: boolean } = {}): CheckStep[] {
  const steps: CheckStep[] = [];
  const scratch: string[] = [];
  let finished = false;
  try {
    stepsInCopy(root, log, options, steps, scratch);
    finished = true;
    return steps;
  } finally {
    discardScratch(scratch, finished && steps.length > 0 && steps.every((s) => s.ok), log);
  }
}

/**
 * Removes the check's temporary directories once every step passed: the copy with its install is about 1.6 GB, and
 * every `.ci/run` makes one. After a failed step, or one that threw, keeps them and says where, for inspection.
 */
export function discardScratch(dirs: readonly string[], passed: boolean, log: (line: string) => void): void {
  if (dirs.length === 0) return;
  if (!passed) {
    log(`check:cdktn: kept for inspection: ${dirs.join(', ')}`);
    return;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** The steps of checkCdktn, each pushed to `steps` as it ends; every directory it makes is pushed to `scratch`. */
function stepsInCopy(root: string, log: (line: string) => void, options: { unitTests?: boolean }, steps: CheckStep[], scratch: string[]): void {
  // The copy lives in a temp dir, so the chart sources next to the project are passed on explicitly.
  const chartsDir = process.env.KORE_CHARTS_DIR || resolve(root, '..', 'shared', 'charts');
  const run = (step: string, cmd: string, args: string[], cwd: string): ProcessResult => {
    log(`check:cdktn: ${step}…`);
    const r = runProcessSync(cmd, args, { cwd, env: { KORE_REGIONS: '', CI: process.env.CI ?? '', KORE_CHARTS_DIR: chartsDir } });
    const tail = `${r.stderr}${r.stdout}`.trim().split('\n').filter((l) => !/^npm warn/.test(l)).slice(-3).join(' | ');
    steps.push({ step, ok: r.code === 0, detail: r.code === 0 ? 'ok' : `exit ${r.code}: ${tail}` });
    return r;
  };
  const copy = mkdtempSync(join(tmpdir(), 'kore-cdktn-'));
  scratch.push(copy);
  cpSync(root, copy, { recursive: true, filter: (src) => !SKIP.has(relative(root, src).split('/')[0]) });
  const pkgFile = join(copy, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
  pkg.dependencies.cdktf = CDKTN_SWITCH.cdktf;
  pkg.dependencies.constructs = CDKTN_SWITCH.constructs;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(copy, '.npmrc'), 'legacy-peer-deps=true\n');
  if (run('npm install (cdktf → cdktn@0.24.0, legacy-peer-deps)', 'npm', ['install', '--no-audit', '--no-fund'], copy).code !== 0) return;
  const core = JSON.parse(readFileSync(join(copy, 'node_modules', 'cdktf', 'package.json'), 'utf8')) as { name: string; version: string };
  steps.push({ step: 'one core, and it is cdktn', ok: core.name === 'cdktn' && !existsSync(join(copy, 'node_modules', 'cdktn')), detail: `node_modules/cdktf is ${core.name}@${core.version}` });
  // What differs between the cores is the core: the suites that lean on it (stack composition, tokens and
  // cross-stack references, aspects and suppressions, import blocks, Testing) run on cdktn; the synthesized fleet is
  // compared whole below. The rest of the unit suite tests this project's own code, the same on either core.
  if (options.unitTests ?? true) run('core-dependent unit tests on cdktn', 'npx', ['jest', ...CORE_SUITES], copy);
  const cdktnOut = join(copy, 'synth-out');
  if (run('synth of the fleet on cdktn', process.execPath, [join(copy, 'bin', 'run.js'), 'synth', '--out', cdktnOut], copy).code !== 0) return;
  const cdktfOut = mkdtempSync(join(tmpdir(), 'kore-cdktf-'));
  scratch.push(cdktfOut);
  if (run('synth of the fleet on cdktf', process.execPath, [join(root, 'bin', 'run.js'), 'synth', '--out', cdktfOut], root).code !== 0) return;
  const diffs = differences(synthesizedWithoutVersion(cdktfOut), synthesizedWithoutVersion(cdktnOut));
  steps.push({ step: 'synthesized Terraform identical apart from version metadata', ok: diffs.length === 0, detail: diffs.length === 0 ? `${synthesizedStackNames(cdktfOut).length} stacks identical` : diffs.slice(0, 5).join('; ') });
}
