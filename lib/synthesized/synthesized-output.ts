import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The one reader of cdktf's synthesized output (`<outdir>/stacks/<stack>/cdk.tf.json`): where a stack lives, its
 * JSON, and its resources with the construct path cdktf's `//` metadata gives them. Guardrails, plan reports, the
 * drift check, adoption, the unmanaged scan, the rollout and the CDK Terrain check all read through it.
 */

/** The part of a synthesized stack the tools read; resources keep whatever their provider gives them. */
export interface SynthesizedStackJson {
  readonly '//'?: { readonly metadata?: { readonly version?: string; readonly stackName?: string } };
  readonly terraform?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, ResourceConfig>>;
  readonly [key: string]: unknown;
}

/** One resource's configuration as synthesized. */
export type ResourceConfig = Record<string, unknown> & { readonly '//'?: { readonly metadata?: { readonly path?: unknown } } };

/** One resource of a synthesized stack. */
export interface SynthesizedStackResource {
  /** `aws_s3_bucket` */
  readonly type: string;
  /** The Terraform name (`Network_Vpc_ABC123`). */
  readonly name: string;
  /** `aws_s3_bucket.Network_Vpc_ABC123` */
  readonly address: string;
  /** The construct path (`prod-us-east-1/Network/Vpc`), or the caller's fallback when the metadata has none. */
  readonly path: string | undefined;
  readonly config: ResourceConfig;
}

/** The directory of one synthesized stack. */
export function stackDir(outdir: string, stack: string): string {
  return join(outdir, 'stacks', stack);
}

/** The Terraform JSON file of one synthesized stack. */
export function stackFile(outdir: string, stack: string): string {
  return join(stackDir(outdir, stack), 'cdk.tf.json');
}

/** Whether `outdir` looks like a synthesized output (has a `stacks/` directory). */
export function isSynthesizedOutput(outdir: string): boolean {
  return existsSync(join(outdir, 'stacks'));
}

/** The names of the stacks synthesized in `outdir` that have their JSON, sorted. */
export function synthesizedStackNames(outdir: string): string[] {
  if (!isSynthesizedOutput(outdir)) return [];
  return readdirSync(join(outdir, 'stacks'))
    .filter((name) => existsSync(stackFile(outdir, name)))
    .sort();
}

/** A stack's JSON, or undefined when it is not synthesized there; unreadable JSON is one error naming the file. */
export function readStackJson(outdir: string, stack: string): SynthesizedStackJson | undefined {
  const file = stackFile(outdir, stack);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SynthesizedStackJson;
  } catch (e) {
    throw new Error(`${file}: not a synthesized stack (${(e as Error).message.split('\n')[0]})`);
  }
}

/**
 * The managed resources of a stack's JSON. `pathFallback` says what `path` is when cdktf's metadata has none:
 * `address` (guardrail findings always name something) or `none` (reports leave it out).
 */
export function stackResources(json: SynthesizedStackJson, pathFallback: 'address' | 'none' = 'none'): SynthesizedStackResource[] {
  return Object.entries(json.resource ?? {}).flatMap(([type, items]) =>
    Object.entries(items).map(([name, config]) => {
      const address = `${type}.${name}`;
      const meta = config?.['//']?.metadata?.path;
      return { type, name, address, path: typeof meta === 'string' ? meta : pathFallback === 'address' ? address : undefined, config };
    }),
  );
}

/** The resources of one synthesized stack (no path fallback), or undefined when that stack is not synthesized there. */
export function synthesizedResources(outdir: string, stack: string): SynthesizedStackResource[] | undefined {
  const json = readStackJson(outdir, stack);
  return json ? stackResources(json) : undefined;
}
