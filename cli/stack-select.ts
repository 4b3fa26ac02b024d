import { globMatch } from '../lib/private/glob';
import { UsageError } from './errors';

/**
 * The stacks selected by names or globs; all when none are given.
 * @throws UsageError naming a pattern that matches nothing (a typo must not silently check nothing).
 */
export function selectStacks(available: readonly string[], patterns: readonly string[] | undefined): string[] {
  if (!patterns || patterns.length === 0) return [...available];
  const chosen = new Set<string>();
  for (const pattern of patterns.flatMap((p) => p.split(',')).filter(Boolean)) {
    const hits = available.filter((s) => globMatch(pattern, s));
    if (hits.length === 0) throw new UsageError(`--stacks ${pattern}: matches no stack (have: ${available.join(', ')})`);
    hits.forEach((h) => chosen.add(h));
  }
  return available.filter((s) => chosen.has(s));
}
