/**
 * A worker thread of `synthInWorkers`: loads the constructs as soon as it starts, then waits for its share, builds
 * it into the staging directory, and answers with the stacks' manifest entries or the one-line reason it could not.
 */
import { parentPort } from 'node:worker_threads';
import { skipTokenStackTraces } from './stack-traces';
import { synthesizeStacks } from './synth';
import type { SynthWorkerMessage, SynthWorkerTask } from './synth-in-workers';

// Module state is per thread: the main thread's setting does not reach this one.
skipTokenStackTraces();
parentPort?.once('message', ({ outdir, catalogue, share }: SynthWorkerTask) => {
  let answer: SynthWorkerMessage;
  try {
    answer = { ok: true, stacks: synthesizeStacks(outdir, catalogue, share) };
  } catch (e) {
    answer = { ok: false, message: (e as Error).message };
  }
  parentPort?.postMessage(answer);
});
