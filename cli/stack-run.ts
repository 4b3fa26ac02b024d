import { resolve } from 'node:path';
import type { Catalogue } from '../regions/schema';
import type { TerraformRunner } from './terraform';

/** What every command that runs terraform over several stacks needs. */
export interface StackRunOptions {
  /** cdktf output directory (holds `stacks/<name>/cdk.tf.json`). */
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly runner: TerraformRunner;
  /** Environment for terraform (credentials, TF_CLI_CONFIG_FILE). */
  readonly env?: NodeJS.ProcessEnv;
  /** Stacks run at once. @default 2 */
  readonly concurrency?: number;
}

/** The synthesized output to run terraform in: `cdktfOut` when given, else a fresh synth into cdktf.out. */
export function synthesizedOutdir(catalogue: Catalogue, cdktfOut?: string): string {
  if (cdktfOut) return resolve(cdktfOut);
  // Loaded only here: synth brings cdktf and every construct with their provider bindings (about a third of a
  // command's start), which a run on a given output, and CI's runs always are, never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthCatalogue } = require('./synth') as typeof import('./synth');
  return synthCatalogue({ catalogue, outdir: 'cdktf.out' }).outdir;
}

/** `  <stack>: <what> in 12.3s`, the progress line both commands print. */
export function progressLine(stack: string, what: string, ms?: number): string {
  return ms === undefined ? `  ${stack}: ${what}` : `  ${stack}: ${what} in ${(ms / 1000).toFixed(1)}s`;
}
