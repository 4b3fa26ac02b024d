/**
 * `npm run bench`: synth wall time (median of several in-process runs) and peak memory, for the default catalogue
 * and a generated 50-entry catalogue, and the plan report rendering a synthetic plan of 5,000 resource changes.
 * Each case runs in a fresh process so that its peak RSS is its own. Targets live here, not in timed tests.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSynthWorkers } from '../cli/synth-worker-start';
import { generatedCatalogue, largestFleet } from './generated-catalogue';

// The bench runs from dist/ (bin/run.js compiled it): the repository root is two levels up.
const ROOT = join(__dirname, '..', '..');
const RUN = join(ROOT, 'bin', 'run.js');

interface CaseResult {
  name: string;
  stacks: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakRssMb: number;
}

const cases: [string, string, number][] = [
  ['synth-case.ts', 'default', 7],
  ['synth-case.ts', 'generated-50', 5],
  ['render-case.ts', 'plan-report-5000', 7],
];

const rows: CaseResult[] = [];
for (const [script, name, runs] of cases) {
  const r = spawnSync(process.execPath, [join(__dirname, script.replace(/\.ts$/, '.js')), name, String(runs)], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`bench: case ${name} failed: ${r.stderr.trim().split('\n').pop()}\n`);
    process.exit(1);
  }
  rows.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as CaseResult);
}

// The vendor bundle (bin/vendor-bundle.js) is built first: the first run after an install builds it once, which is
// not what a user waits for run after run.
spawnSync(process.execPath, ['-e', "require('./bin/vendor-bundle.js').vendorBundle('synth')"], { cwd: ROOT });
// Whole process, cold, as a user waits for `npm run synth`: a fresh node per run, with the npm script's own node
// flags and command (npm's own start, about 0.3 s here, comes on top and is measured once below).
const synthScript = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;
const nodeFlags = synthScript.split(' ').filter((w) => w.startsWith('--'));
const cold = coldRuns([...nodeFlags, RUN, 'synth'], 7);
const viaNpm = coldRuns([join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), 'run', '--silent', 'synth', '--'], 3);
// 100 entries, or as many as the one-entry-per-environment-and-region rule allows with the known regions.
const fleetSize = Math.min(100, largestFleet());
const fleetDir = mkdtempSync(join(tmpdir(), 'kore-bench-fleet-'));
const hundred = join(fleetDir, 'catalogue.json');
writeFileSync(hundred, JSON.stringify(generatedCatalogue(fleetSize)));
const cold100 = coldRuns([...nodeFlags, RUN, 'synth', '--regions', hundred], 5);
// The same fleet in one thread and in two: what worker threads change on this machine.
const cold100Serial = coldRuns([...nodeFlags, RUN, 'synth', '--regions', hundred, '--workers', '1'], 5);
const cold100Two = coldRuns([...nodeFlags, RUN, 'synth', '--regions', hundred, '--workers', '2'], 5);
// `cdktf synth` runs the same app through cdktf.json (`node bin/run.js main`), plus the cdktf CLI's own start-up.
const CDKTF_CLI = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
const cdktf = coldRuns([CDKTF_CLI, 'synth'], 3, 'cdktf');
// The CLI's floor: `cdktf synth` of an app that only writes an empty manifest. Whatever the app does comes on top.
const emptyApp = emptyCdktfApp();
const cdktfFloor = coldRuns([CDKTF_CLI, 'synth'], 3, 'cdktf', emptyApp);
for (const dir of [fleetDir, emptyApp]) rmSync(dir, { recursive: true, force: true });
// The previous way, for the record: the TypeScript sources through the tsx loader.
const viaTsx = coldRuns(['--import', 'tsx', join(ROOT, 'bin', 'synth.ts')], 3);
// What root-importing the four provider packages costs, against the deep imports the project uses.
const rootImport = coldRuns(['-e', "for (const p of ['aws', 'azurerm', 'kubernetes', 'helm']) require('@cdktf/provider-' + p);"], 3, false);
const deepImport = coldRuns(['-e', "require('@cdktf/provider-aws/lib/vpc'); require('@cdktf/provider-azurerm/lib/virtual-network'); require('@cdktf/provider-kubernetes/lib/namespace-v1'); require('@cdktf/provider-helm/lib/release');"], 3, false);

process.stdout.write('whole process, cold (fresh node per run), median of N runs; peak RSS of the largest run\n');
const line = (label: string, r: ReturnType<typeof coldRuns>, goal: string) =>
  process.stdout.write(`${label.padEnd(38)} median ${String(r.medianMs).padStart(5)} ms  min ${r.minMs} ms  max ${r.maxMs} ms  peak RSS ${r.peakRssMb} MB  (${r.runs} runs)  ${goal}\n`);
line('npm run synth (default catalogue)', cold, '[goal ≤ 1200 ms, ≤ 200 MB]');
line('  the same through npm (npm run synth)', viaNpm, '');
line(`npm run synth (${fleetSize} entries)`, cold100, `[goal ≤ 2000 ms, ≤ 300 MB] (${defaultSynthWorkers(fleetSize)} workers)`);
line(`  the same, --workers 1`, cold100Serial, '');
line(`  the same, --workers 2`, cold100Two, `= ${(cold100Two.medianMs / cold100Serial.medianMs).toFixed(2)}x --workers 1 (${availableParallelism()} cores here)`);
line('cdktf synth (default catalogue)', cdktf, `= ${(cdktf.medianMs / cold.medianMs).toFixed(2)}x npm run synth [goal ≤ 1.3x]`);
line('  cdktf synth of an app doing nothing', cdktfFloor, `= the CLI alone: ${(cdktfFloor.medianMs / cold.medianMs).toFixed(2)}x npm run synth before any app runs`);
line('tsx bin/synth.ts (before: no compile)', viaTsx, `= ${(viaTsx.medianMs / cold.medianMs).toFixed(2)}x npm run synth`);
process.stdout.write(`root import of the 4 provider packages ${rootImport.medianMs} ms, ${rootImport.peakRssMb} MB; deep imports ${deepImport.medianMs} ms, ${deepImport.peakRssMb} MB: ${(rootImport.medianMs / Math.max(deepImport.medianMs, 1)).toFixed(1)}x the time\n\n`);
// The nightly drift check against a bare plan of the same stack, on the emulator (minutes: it deploys a stack first).
const drift = spawnSync(process.execPath, [join(__dirname, 'drift-case.js'), '3'], { encoding: 'utf8' });
if (drift.status === 0) {
  const d = JSON.parse(drift.stdout.trim().split('\n').pop() ?? '{}') as { planMs: number; driftMs: number; ratio: number; status: string };
  process.stdout.write(`drift check of a sandbox stack ${d.driftMs} ms vs terraform plan + show ${d.planMs} ms = ${d.ratio}x (status ${d.status}) [goal ≤ 1.2x]\n\n`);
} else {
  process.stdout.write(`drift check vs plan: not measured (${drift.stderr.trim().split('\n').pop() ?? 'failed'})\n\n`);
}
// A wave of four sandbox stacks at concurrency 1 and 2 (minutes: two fresh emulators, eight real applies).
const rollout = spawnSync(process.execPath, [join(__dirname, 'rollout-case.js')], { encoding: 'utf8' });
if (rollout.status === 0) {
  const w = JSON.parse(rollout.stdout.trim().split('\n').pop() ?? '{}') as { concurrency1Ms: number; concurrency2Ms: number; ratio: number; ok: boolean };
  process.stdout.write(`rollout wave of 4 sandbox stacks: concurrency 1 ${w.concurrency1Ms} ms, concurrency 2 ${w.concurrency2Ms} ms = ${w.ratio}x${w.ok ? '' : ' (NOT ALL APPLIED)'} [default: the faster]\n\n`);
} else {
  process.stdout.write(`rollout wave: not measured (${rollout.stderr.trim().split('\n').pop() ?? 'failed'})\n\n`);
}
process.stdout.write('in-process, median of N runs; peak RSS of the whole case process; stacks = stacks synthesized or reported\n');
process.stdout.write('case            stacks  runs  median ms  min ms  max ms  peak RSS MB\n');
for (const r of rows) {
  process.stdout.write(
    `${r.name.padEnd(16)}${String(r.stacks).padStart(6)}${String(r.runs).padStart(6)}${String(r.medianMs).padStart(11)}${String(r.minMs).padStart(8)}${String(r.maxMs).padStart(8)}${String(r.peakRssMb).padStart(13)}\n`,
  );
}

/** Runs `node <args>` `runs` times under GNU time: median wall time and the largest peak RSS. */
function coldRuns(args: string[], runs: number, withOut: boolean | 'cdktf' = true, cwd = ROOT): { runs: number; medianMs: number; minMs: number; maxMs: number; peakRssMb: number } {
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'kore-bench-cold-'));
    const out = withOut === 'cdktf' ? ['--output', dir] : withOut ? ['--out', dir] : [];
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args, ...out], {
      encoding: 'utf8',
      cwd,
      env: { ...process.env, KORE_REGIONS: '', CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_TELEMETRY: 'true' },
    });
    if (r.status !== 0) {
      process.stderr.write(`bench: cold run failed: ${r.stderr.trim().split('\n').slice(-2).join(' ')}\n`);
      process.exit(1);
    }
    // Each run writes a whole fleet (11 MB for 96 entries): a bench that left them behind would fill the disk and, on
    // these machines, slow every later write to the same directory tree.
    rmSync(dir, { recursive: true, force: true });
    const [seconds, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    times.push(Math.round(seconds * 1000));
    peak = Math.max(peak, kb);
  }
  times.sort((a, b) => a - b);
  return { runs, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times[times.length - 1], peakRssMb: Math.round(peak / 1024) };
}

/** A project whose cdktf app writes an empty manifest and nothing else (the cdktf CLI's own cost, measured alone). */
function emptyCdktfApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kore-bench-empty-app-'));
  const app = join(dir, 'app.js');
  writeFileSync(app, "const fs = require('fs'); const out = process.env.CDKTF_OUTDIR; fs.mkdirSync(out + '/stacks', { recursive: true }); fs.writeFileSync(out + '/manifest.json', JSON.stringify({ version: '0.21.0', stacks: {} }));\n");
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${app}`, sendCrashReports: 'false' }));
  return dir;
}
