/**
 * One benchmark case in its own process, so that peak RSS belongs to this case alone:
 * `synth-case.ts <default|generated-N> <runs>` prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { synthCatalogue } from '../cli/synth';
import { defaultCatalogue } from '../regions/catalogue';
import { parseCatalogue } from '../regions/load';
import { generatedCatalogue } from './generated-catalogue';

const [name, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const started = performance.now();
const catalogue = name === 'default' ? defaultCatalogue() : parseCatalogue(generatedCatalogue(Number(name.split('-')[1])), name);
const loadMs = performance.now() - started;
const times: number[] = [];
let stacks = 0;
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'kore-bench-'));
  const t0 = performance.now();
  const result = synthCatalogue({ catalogue, outdir: join(dir, 'out') });
  times.push(performance.now() - t0);
  stacks = result.stacks.length;
  rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    name,
    stacks,
    runs,
    firstMs: Math.round(loadMs),
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    minMs: Math.round(times[0]),
    maxMs: Math.round(times[times.length - 1]),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
