import { synthesizedResources } from '../../lib/synthesized/synthesized-output';

/**
 * Resource address → construct path of one synthesized stack (cdktf's `//` metadata), so that reports name the
 * construct that made each resource next to its Terraform address. Empty when the stack is not synthesized there.
 */
export function constructPathsOf(outdir: string | undefined, stack: string): Record<string, string> {
  if (!outdir) return {};
  const paths: Record<string, string> = {};
  for (const r of synthesizedResources(outdir, stack) ?? []) if (r.path !== undefined) paths[r.address] = r.path;
  return paths;
}
