import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Resource address → construct path of one synthesized stack (cdktf's `//` metadata), so that reports name the
 * construct that made each resource next to its Terraform address. Empty when the stack is not synthesized there.
 */
export function constructPathsOf(outdir: string | undefined, stack: string): Record<string, string> {
  if (!outdir) return {};
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const paths: Record<string, string> = {};
  for (const [type, items] of Object.entries((json.resource ?? {}) as Record<string, Record<string, any>>)) {
    for (const [name, config] of Object.entries(items)) {
      const path = config?.['//']?.metadata?.path;
      if (typeof path === 'string') paths[`${type}.${name}`] = path;
    }
  }
  return paths;
}
