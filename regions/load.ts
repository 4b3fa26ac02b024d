import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { Catalogue, catalogueSchema } from './schema';

/** A catalogue that failed validation: `problems` holds one line per problem, all of them. */
export class CatalogueError extends Error {
  constructor(public readonly source: string, public readonly problems: readonly string[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
    this.name = 'CatalogueError';
  }
}

/** Validates a catalogue object; `source` names it in errors (a file path, or "default catalogue"). */
export function parseCatalogue(raw: unknown, source: string): Catalogue {
  const result = catalogueSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.flatMap((issue) => formatIssue(issue, raw));
  throw new CatalogueError(source, [...new Set(lines)]);
}

/** Reads a YAML or JSON catalogue file and validates it. Every failure is a CatalogueError naming the file. */
export function loadCatalogueFile(path: string): Catalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CatalogueError(path, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  let raw: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse gives better positions for .json files.
    raw = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: false });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    throw new CatalogueError(path, [`not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${message}`]);
  }
  return parseCatalogue(raw, path);
}

/** `<entry id>.<field path>: <message> (got <value>)` for each problem a zod issue describes. */
function formatIssue(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${label([...path, key], raw)}: unknown field (typo?)`);
  }
  const value = valueAt(raw, path);
  const message = value === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
  const got = value === undefined || (typeof value === 'object' && value !== null) ? '' : ` (got ${show(value)})`;
  return [`${label(path, raw)}: ${message}${got}`];
}

/** Names the entry by its id where it has one, so that the line points at something a human wrote. */
function label(path: (string | number)[], raw: unknown): string {
  if (path[0] === 'regions' && typeof path[1] === 'number') {
    const id = valueAt(raw, ['regions', path[1], 'id']);
    const entry = typeof id === 'string' && id.length > 0 ? id : `regions[${path[1]}]`;
    return [entry, ...path.slice(2)].join('.');
  }
  if (path[0] === 'global') return path.join('.');
  if (path[0] === 'globalNames' || path[0] === 'replication') return path.join('.');
  return ['catalogue', ...path].join('.');
}

function valueAt(raw: unknown, path: (string | number)[]): unknown {
  let current = raw;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
