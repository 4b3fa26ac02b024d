import type { Worker } from 'node:worker_threads';
import type { Catalogue } from '../regions/schema';
import type { StackShare } from '../stacks/app';
import { defaultSynthWorkers, startSynthWorkers } from './synth-worker-start';
import { inStaging, publish, SynthOptions, SynthResult, synthesizeStacks, writeManifest, WrittenStacks } from './synth';

/**
 * Building every infrastructure stack (global delegates to all of them) costs the worker that writes global about
 * this fraction of what writing an entry's stacks costs, per entry: so that worker takes fewer entries. Measured
 * on the generated 96-entry fleet (bench/): infrastructure construction against construction, preparation and
 * synthesis of both layers.
 */
const SHARED_BUILD_COST = 0.27;

export interface WorkerSynthOptions extends SynthOptions {
  /**
   * How many apps build the fleet at once: this thread and `workers - 1` worker threads.
   * @default defaultSynthWorkers(the number of entries)
   */
  readonly workers?: number;
  /** Worker threads already started (startSynthWorkers), used before any new one; those not needed are stopped. @default none */
  readonly started?: readonly Worker[];
}

/**
 * Splits the entries into `workers` shares. Share 0 also writes bootstrap and global and so builds every
 * infrastructure stack: it takes fewer entries (SHARED_BUILD_COST). Entries are dealt in catalogue order to the share
 * furthest below its target, so each share gets a mix of clouds and sizes.
 */
export function stackShares(catalogue: Catalogue, workers: number): StackShare[] {
  const n = catalogue.regions.length;
  const count = Math.max(1, Math.min(workers, n));
  const ownerTarget = Math.max(0, (n * (1 - SHARED_BUILD_COST * (count - 1))) / count);
  const targets = Array.from({ length: count }, (_, i) => (i === 0 ? ownerTarget : (n - ownerTarget) / Math.max(1, count - 1)));
  const entries: string[][] = targets.map(() => []);
  for (const entry of catalogue.regions) {
    let best = 0;
    for (let i = 1; i < count; i++) if (entries[i].length / (targets[i] || 1e-9) < entries[best].length / (targets[best] || 1e-9)) best = i;
    entries[best].push(entry.id);
  }
  return entries.map((ids, i) => ({ entries: ids, shared: i === 0 }));
}

/**
 * `synthCatalogue` for a large fleet: the shares are built at once, share 0 in this thread and each other one in a
 * worker thread with its own app, all into one staging directory; then the manifest is written for all of them and
 * the output is checked and published exactly as in one app (all or nothing; the same bytes, held by a test).
 */
export async function synthInWorkers(options: WorkerSynthOptions): Promise<SynthResult> {
  const workers = options.workers ?? defaultSynthWorkers(options.catalogue.regions.length);
  const shares = stackShares(options.catalogue, workers);
  const started = [...(options.started ?? [])];
  for (const spare of started.splice(Math.max(0, shares.length - 1))) void spare.terminate();
  return inStaging(options.outdir, async (staging) => {
    const others = shares.slice(1).map((share, i) => inWorker(started[i], staging, options.catalogue, share));
    // Settled, not raced: a failing share must not leave another still writing into a staging directory being removed.
    const results = await Promise.allSettled([Promise.resolve().then(() => synthesizeStacks(staging, options.catalogue, shares[0])), ...others]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const written: WrittenStacks = {};
    for (const r of results) if (r.status === 'fulfilled') Object.assign(written, r.value);
    writeManifest(staging, written);
    return publish(staging, options);
  });
}

/** What cli/synth-worker.ts is sent: one share to build into `outdir`. */
export interface SynthWorkerTask {
  readonly outdir: string;
  readonly catalogue: Catalogue;
  readonly share: StackShare;
}

/** Messages from cli/synth-worker.ts. */
export type SynthWorkerMessage = { ok: true; stacks: WrittenStacks } | { ok: false; message: string };

/**
 * One share in a worker thread (started before, or now). From the TypeScript sources (the tests run them
 * untranspiled; threads have no loader for them) the share is built inline, after the others: the same stacks, the
 * same bytes, only not at once.
 */
function inWorker(started: Worker | undefined, outdir: string, catalogue: Catalogue, share: StackShare): Promise<WrittenStacks> {
  const worker = started ?? startSynthWorkers(1)[0];
  if (!worker) return Promise.resolve().then(() => synthesizeStacks(outdir, catalogue, share));
  return new Promise((resolvePromise, reject) => {
    let answered = false;
    worker.once('message', (m: SynthWorkerMessage) => {
      answered = true;
      if (m.ok) resolvePromise(m.stacks);
      else reject(new Error(m.message));
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`a synth worker stopped (exit code ${code}) before it wrote its stacks`));
    });
    worker.postMessage({ outdir, catalogue, share } satisfies SynthWorkerTask);
  });
}
