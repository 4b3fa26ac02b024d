import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One resource of a synthesized stack, with the construct path cdktf's `//` metadata gives it (when there is one). */
export interface SynthesizedStackResource {
  readonly type: string;
  readonly address: string;
  /** Full construct path (`prod-us-east-1/Network/Vpc`), undefined when the metadata is missing. */
  readonly path?: string;
  readonly config: Record<string, unknown>;
}

interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown> & { readonly '//'?: { readonly metadata?: { readonly path?: unknown } } }>>;
}

/** The resources of `<outdir>/stacks/<stack>/cdk.tf.json`, or undefined when that stack is not synthesized there. */
export function synthesizedResources(outdir: string, stack: string): SynthesizedStackResource[] | undefined {
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  return Object.entries(json.resource ?? {}).flatMap(([type, items]) =>
    Object.entries(items).map(([name, config]) => {
      const path = config?.['//']?.metadata?.path;
      return { type, address: `${type}.${name}`, path: typeof path === 'string' ? path : undefined, config };
    }),
  );
}
