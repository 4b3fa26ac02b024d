import { DEFAULT_CATALOGUE } from '../../regions/catalogue';
import { CatalogueError, parseCatalogue } from '../../regions/load';
import type { CatalogueInput } from '../../regions/schema';

/** A deep copy of the default catalogue, to break one thing at a time. */
export function catalogueCopy(): CatalogueInput {
  return structuredClone(DEFAULT_CATALOGUE);
}

/** The problem lines of a catalogue, or [] when it is valid. */
export function problemsOf(catalogue: unknown): string[] {
  try {
    parseCatalogue(catalogue, 'test');
    return [];
  } catch (e) {
    if (e instanceof CatalogueError) return [...e.problems];
    throw e;
  }
}
