import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { globMatch } from '../../lib/private/glob';
import { UsageError } from '../errors';
import type { UnmanagedFinding } from './scan';

/** One accepted unmanaged thing: `kind` and `id` (a glob, lib/private/glob.ts), and why it may stay outside Terraform. */
export interface IgnoreEntry {
  readonly kind?: string;
  readonly id: string;
  readonly reason: string;
}

/** Reads the ignore file (YAML list); every entry needs an id and a reason of a few words. One-line errors. */
export function loadIgnoreFile(file: string): IgnoreEntry[] {
  if (!existsSync(file)) throw new UsageError(`--unmanaged-ignore ${file}: no such file`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(doc)) throw new UsageError(`${file}: a list of { kind, id, reason } entries`);
  return (doc as unknown[]).map((raw, i) => {
    const e: Record<string, unknown> = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const { id, reason, kind } = e;
    if (typeof id !== 'string' || id.length === 0) throw new UsageError(`${file}: entry ${i}: needs an id (a glob is fine)`);
    if (typeof reason !== 'string' || reason.trim().split(/\s+/).length < 4) throw new UsageError(`${file}: entry ${i} (${id}): needs a reason of at least four words`);
    if (kind !== undefined && typeof kind !== 'string') throw new UsageError(`${file}: entry ${i} (${id}): kind must be a string`);
    return { kind, id, reason: reason.trim() };
  });
}

/** Findings split into reported and ignored (with the entry that accepted each). */
export function applyIgnores(findings: readonly UnmanagedFinding[], entries: readonly IgnoreEntry[]): { reported: UnmanagedFinding[]; ignored: (UnmanagedFinding & { reason: string })[] } {
  const reported: UnmanagedFinding[] = [];
  const ignored: (UnmanagedFinding & { reason: string })[] = [];
  for (const f of findings) {
    const hit = entries.find((e) => (!e.kind || e.kind === f.kind) && globMatch(e.id, f.id));
    if (hit) ignored.push({ ...f, reason: hit.reason });
    else reported.push(f);
  }
  return { reported, ignored };
}
