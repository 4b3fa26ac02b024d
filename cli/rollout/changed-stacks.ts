import { readStackJson, stackFile } from '../../lib/synthesized/synthesized-output';

/**
 * Whether a stack's synthesized Terraform differs between two cdktf outputs, semantically: the JSON parsed,
 * cdktf's metadata (`//` keys: construct paths, version, backend notes) dropped, keys compared in any order. A stack
 * missing from the base is changed; one missing from `outdir` is an error of the caller.
 */
export function stackChanged(outdir: string, baseOut: string, stack: string): boolean {
  const base = readStackJson(baseOut, stack);
  if (!base) return true;
  const head = readStackJson(outdir, stack);
  if (!head) throw new Error(`${stackFile(outdir, stack)}: not synthesized`);
  return canonical(head) !== canonical(base);
}

/** JSON text with sorted keys and without cdktf's `//` metadata, at any depth. */
export function canonical(value: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => k !== '//')
          .sort()
          .map((k) => [k, strip((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(strip(value));
}
