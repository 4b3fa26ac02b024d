/**
 * Starting synth's worker threads, kept apart from everything that loads the constructs: `npm run synth` starts
 * them first thing, so that each loads its own copy of the constructs (about half a second) on another core while
 * this thread loads its copy and reads the catalogue, and the work starts everywhere at once. Only node built-ins
 * and the command's flags here.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, WorkerOptions } from 'node:worker_threads';
import { cataloguePath } from './catalogue-path';
import { MAX_SYNTH_WORKERS, SYNTH_COMMAND } from './commands/synth';

/** From this many entries on, `npm run synth` splits the fleet: below it a second worker's start-up costs more than it saves. */
export const PARALLEL_SYNTH_FROM = 24;

/**
 * As many workers as cores, up to 4, for a large fleet on a machine with at least 3 cores; one otherwise. Every
 * worker loads the constructs again (~0.5 s) and share 0 builds every infrastructure stack, so on 2 cores the
 * second thread only about pays for itself (bench: 96 entries about as fast, 60 MB more): there the default stays
 * one thread, and `--workers 2` is there to choose.
 */
export function defaultSynthWorkers(entries: number, cores = availableParallelism()): number {
  return entries >= PARALLEL_SYNTH_FROM && cores >= 3 ? Math.min(4, cores) : 1;
}

/**
 * `count` worker threads running the compiled cli/synth-worker.js, each waiting for its share. None when this
 * module runs from its TypeScript source (no compiled worker beside it): the shares are then built inline.
 */
export function startSynthWorkers(count: number): Worker[] {
  if (count < 1 || __filename.endsWith('.ts')) return [];
  const options = workerOptions();
  return Array.from({ length: count }, () => new Worker(join(__dirname, 'synth-worker.js'), options));
}

/**
 * A thread inherits its parent's preloads, but not what the parent set up after them. The command's entry names a
 * module every thread must load first in $KORE_THREAD_PRELOAD (bin/run.js: the one that serves the packages from the
 * vendor bundle); the parent's own `--require`s stay, ahead of it. A thread takes only per-thread options, and
 * preloads are the ones a parent passes on: the V8 flags (`--max-semi-space-size`) apply to the process anyway.
 */
export function workerOptions(execArgv: readonly string[] = process.execArgv, preload = process.env.KORE_THREAD_PRELOAD): WorkerOptions | undefined {
  if (!preload) return undefined;
  const inherited: string[] = [];
  execArgv.forEach((arg, i) => {
    if ((arg === '--require' || arg === '-r') && i + 1 < execArgv.length) inherited.push('--require', execArgv[i + 1]);
    else if (arg.startsWith('--require=')) inherited.push(arg);
  });
  return { execArgv: [...inherited, '--require', preload] };
}

/**
 * The worker threads `npm run synth` with these arguments will want, started now: `--workers N` says how many;
 * without it, a glance at the catalogue file's entry count against PARALLEL_SYNTH_FROM (the default catalogue is
 * small). A wrong guess costs only time: the real count comes from the validated catalogue, and spare workers stop.
 */
export function startSynthWorkersFor(argv: readonly string[]): Worker[] {
  let values: { workers?: string; regions?: string; help?: boolean };
  try {
    values = parseArgs({ args: [...argv], options: SYNTH_COMMAND.options, strict: false }).values as typeof values;
  } catch {
    return [];
  }
  if (values.help) return [];
  const asked = Number(values.workers);
  if (values.workers !== undefined) return Number.isInteger(asked) && asked > 1 && asked <= MAX_SYNTH_WORKERS ? startSynthWorkers(asked - 1) : [];
  const path = cataloguePath(typeof values.regions === 'string' ? values.regions : undefined);
  return path ? startSynthWorkers(defaultSynthWorkers(entriesAtAGlance(path)) - 1) : [];
}

/** How many `- id:` / `"id":` entries a catalogue file seems to have (0 when it cannot be read). Not validation. */
function entriesAtAGlance(path: string): number {
  try {
    const text = readFileSync(path, 'utf8');
    return (text.match(/(^\s*-\s+id:|"id"\s*:)/gm) ?? []).length;
  } catch {
    return 0;
  }
}
