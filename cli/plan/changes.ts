import type { Change, ChangeAction, Marks } from './plan-json';

/** What happens to a resource, as a reviewer thinks of it. */
export type ActionKind = 'create' | 'update' | 'replace' | 'destroy' | 'read' | 'forget' | 'no-op';

/** Folds Terraform's action lists: ["delete","create"] and ["create","delete"] are both a replacement. */
export function actionKind(actions: readonly ChangeAction[]): ActionKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'destroy';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  if (actions.includes('read')) return 'read';
  if (actions.includes('forget')) return 'forget';
  return 'no-op';
}

/** Shown instead of any value Terraform marks sensitive. */
export const SENSITIVE = '(sensitive)';
/** Shown for a value only known after apply. */
export const UNKNOWN = '(known after apply)';

/** One attribute that changes, with display-safe values. */
export interface AttributeChange {
  /** Dotted path, list indexes in brackets: `vpc_config[0].subnet_ids`. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
  readonly sensitive: boolean;
  /** For lists and sets: the elements added and removed, whole (JSON), so long sets stay readable. */
  readonly added?: string[];
  readonly removed?: string[];
}

/** Formats a path the way Terraform prints it. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? key : `${out}.${key}`), '');
}

/**
 * The attributes that differ between `before` and `after`, with sensitive values masked and unknown values
 * marked. A value that only moves between null, {} and [] is not a change (providers do that on refresh).
 */
export function changedAttributes(change: Change, maxValueLength = 80): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (before: unknown, after: unknown, unknown: Marks | undefined, bs: Marks | undefined, as: Marks | undefined, path: (string | number)[]) => {
    const sensitive = bs === true || as === true;
    if (unknown === true) {
      out.push({ path: formatPath(path), before: show(before, bs, maxValueLength), after: UNKNOWN, sensitive });
      return;
    }
    if (sensitive) {
      if (!deepEqual(before, after)) out.push({ path: formatPath(path), before: SENSITIVE, after: SENSITIVE, sensitive: true });
      return;
    }
    if (isEmptyish(before) && isEmptyish(after) && !hasUnknown(unknown)) return;
    if (isPlainObject(before) && isPlainObject(after)) {
      for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        walk(before[key], after[key], child(unknown, key), child(bs, key), child(as, key), [...path, key]);
      }
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      before.forEach((b, i) => walk(b, after[i], child(unknown, i), child(bs, i), child(as, i), [...path, i]));
      return;
    }
    if (!deepEqual(before, after) || hasUnknown(unknown)) {
      out.push({ path: formatPath(path), before: show(before, bs, maxValueLength), after: show(after, as, maxValueLength, unknown), sensitive: false });
    }
  };
  walk(change.before ?? null, change.after ?? null, change.after_unknown, change.before_sensitive, change.after_sensitive, []);
  return out;
}

/** True for null, undefined, {} and []: values providers swap between without meaning anything. */
export function isEmptyish(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** A display string for a value, with sensitive and unknown parts replaced, cut to `max` characters. */
export function show(value: unknown, sensitive: Marks | undefined, max = 80, unknown?: Marks): string {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  const masked = mask(value, sensitive, unknown);
  const text = masked === undefined ? 'null' : JSON.stringify(masked);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A copy of `value` with every sensitive leaf replaced by SENSITIVE and unknown ones by UNKNOWN. */
export function mask(value: unknown, sensitive: Marks | undefined, unknown?: Marks): unknown {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v, i) => mask(v, child(sensitive, i), child(unknown, i)));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, child(sensitive, k), child(unknown, k))]));
  }
  return value;
}

function child(marks: Marks | undefined, key: string | number): Marks | undefined {
  if (marks === undefined || typeof marks === 'boolean') return undefined;
  if (Array.isArray(marks)) return typeof key === 'number' ? marks[key] : undefined;
  return typeof key === 'string' ? marks[key] : undefined;
}

function hasUnknown(marks: Marks | undefined): boolean {
  if (marks === true) return true;
  if (marks === undefined || marks === false) return false;
  return (Array.isArray(marks) ? marks : Object.values(marks)).some(hasUnknown);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality that treats null / {} / [] as equal (see isEmptyish). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
