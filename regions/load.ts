import { Locate, readSourceFile, SourceFileError } from '../lib/private/source-file';
import type { z } from 'zod';
import { Catalogue, catalogueSchema } from './schema';
import { stateStoreConflicts } from './state-stores';

/** A catalogue that failed validation: `problems` holds one line per problem, all of them, in file order. */
export class CatalogueError extends Error {
  constructor(public readonly source: string, public readonly problems: readonly string[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
    this.name = 'CatalogueError';
  }
}

/** Validates a catalogue object; `source` names it in errors (a file path, or "default catalogue"). */
export function parseCatalogue(raw: unknown, source: string, locate?: Locate): Catalogue {
  const result = catalogueSchema.safeParse(raw, { error: humanMessage });
  // The cross-entry checks passed: each entry has what its cloud needs, which the Catalogue type states.
  if (result.success) {
    const catalogue = result.data as Catalogue;
    // Derived facts that need the parsed catalogue (the stores as the stacks will declare them).
    const conflicts = stateStoreConflicts(catalogue);
    if (conflicts.length === 0) return catalogue;
    throw new CatalogueError(
      source,
      conflicts.map((c) => {
        const path = c.index === 'global' ? ['global', 'state'] : ['regions', c.index, 'state'];
        const at = locate?.(path);
        return `${at ? `${source}:${at}: ` : ''}${c.id}.state: ${c.message}`;
      }),
    );
  }
  const lines = result.error.issues.flatMap((issue) => formatIssue(issue, raw).map(({ line, path }) => ({ line, at: locate?.(path) })));
  const unique = [...new Map(lines.map((l) => [l.line, l])).values()];
  // File order: problems sorted by where they sit (stable for those without a position).
  const order = (at?: string) => (at ? at.split(':').map(Number) : [Infinity, Infinity]);
  unique.sort((a, b) => order(a.at)[0] - order(b.at)[0] || order(a.at)[1] - order(b.at)[1]);
  throw new CatalogueError(source, unique.map((l) => (l.at ? `${source}:${l.at}: ${l.line}` : l.line)));
}

/**
 * Reads a YAML or JSON catalogue file (strict JSON for `.json`; both get positions) and validates it. YAML merge
 * keys (`<<: *defaults`) are honoured; duplicate keys are an error. Every failure is a CatalogueError
 * whose lines start with `file:line:column`.
 */
export function loadCatalogueFile(path: string): Catalogue {
  let source: { data: unknown; locate: Locate };
  try {
    source = readSourceFile(path);
  } catch (e) {
    if (e instanceof SourceFileError) throw new CatalogueError(path, e.problems.map((p) => p.replace(`${path}: cannot read`, 'cannot read')));
    throw e;
  }
  return parseCatalogue(source.data, path, source.locate);
}

const plainKey = (p: PropertyKey): string | number => (typeof p === 'symbol' ? String(p) : p);

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`);
const article = (t: string): string => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/**
 * Human words for zod's issues where the schema gave no message of its own (schema messages take precedence):
 * "must be a number, not a string" instead of "Invalid input: expected number, received string".
 */
function humanMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}, not ${typeName(issue.input)}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return `needs at least ${min} item${min === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `must be at least ${min} character${min === 1 ? '' : 's'} long`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return `takes at most ${max} item${max === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : 'has the wrong format';
    case 'invalid_union':
      return 'has the wrong type';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
      return 'has a key of the wrong form';
    default:
      return undefined;
  }
}

/** `<entry id>.<field path>: <message> (got <value>)` for each problem a zod issue describes, with its path. */
function formatIssue(issue: z.core.$ZodIssue, raw: unknown): { line: string; path: (string | number)[] }[] {
  const path = issue.path.map(plainKey);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ line: `${label([...path, key], raw)}: unknown field (typo?)`, path: [...path, key] }));
  }
  const value = valueAt(raw, path);
  const message = value === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
  // No `(got …)` where the message already shows the value.
  const shown = value === undefined || (typeof value === 'object' && value !== null) || message.includes('(got ') || (typeof value === 'string' && message.includes(JSON.stringify(value))) ? '' : ` (got ${show(value)})`;
  return [{ line: `${label(path, raw)}: ${message}${shown}`, path }];
}

/** Names the entry by its id where it has one, so that the line points at something a human wrote. */
function label(path: (string | number)[], raw: unknown): string {
  if (path[0] === 'regions' && typeof path[1] === 'number') {
    const index = path[1];
    const id = valueAt(raw, ['regions', index, 'id']);
    const repeated = typeof id === 'string' && Array.from({ length: index }, (_, k) => valueAt(raw, ['regions', k, 'id'])).includes(id);
    // An entry is named by its id; a second entry with the same id also by its place in the list.
    const entry = typeof id === 'string' && id.length > 0 ? (repeated ? `${id} (entry ${index + 1})` : id) : `entry ${index + 1}`;
    return [entry, ...path.slice(2)].join('.');
  }
  if (['global', 'globalNames', 'replication', 'automation'].includes(String(path[0]))) return path.join('.');
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
