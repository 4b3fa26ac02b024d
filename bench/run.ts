/**
 * `npm run bench`: synth wall time (median of several in-process runs) and peak memory, for the default catalogue
 * and a generated 50-entry catalogue, and the plan report rendering a synthetic plan of 5,000 resource changes.
 * Each case runs in a fresh process so that its peak RSS is its own. Targets live here, not in timed tests.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, script), name, String(runs)], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`bench: case ${name} failed: ${r.stderr.trim().split('\n').pop()}\n`);
    process.exit(1);
  }
  rows.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
}

process.stdout.write('in-process, median of N runs; peak RSS of the whole case process; stacks = stacks synthesized or reported\n');
process.stdout.write('case            stacks  runs  median ms  min ms  max ms  peak RSS MB\n');
for (const r of rows) {
  process.stdout.write(
    `${r.name.padEnd(16)}${String(r.stacks).padStart(6)}${String(r.runs).padStart(6)}${String(r.medianMs).padStart(11)}${String(r.minMs).padStart(8)}${String(r.maxMs).padStart(8)}${String(r.peakRssMb).padStart(13)}\n`,
  );
}
