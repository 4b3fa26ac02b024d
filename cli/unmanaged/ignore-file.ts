import { existsSync } from 'node:fs';
import { globMatch } from '../../lib/private/glob';
import { Locate, readSourceFile, SourceFileError } from '../../lib/private/source-file';
import { UsageError } from '../errors';
import type { UnmanagedFinding } from './scan';

/** One accepted unmanaged thing: `kind` and `id` (a glob, lib/private/glob.ts), and why it may stay outside Terraform. */
export interface IgnoreEntry {
  readonly kind?: string;
  readonly id: string;
  readonly reason: string;
}

/** Reads the ignore file (a YAML or JSON list); every entry needs an id and a reason of a few words. One-line errors at line:column. */
export function loadIgnoreFile(file: string): IgnoreEntry[] {
  if (!existsSync(file)) throw new UsageError(`--unmanaged-ignore ${file}: no such file`);
  let source: { data: unknown; locate: Locate };
  try {
    source = readSourceFile(file);
  } catch (e) {
    if (e instanceof SourceFileError) throw new UsageError(e.problems[0]);
    throw e;
  }
  const at = (path: (string | number)[]) => `${file}:${source.locate(path) ?? '1:1'}`;
  if (!Array.isArray(source.data)) throw new UsageError(`${at([])}: a list of { kind, id, reason } entries`);
  return (source.data as unknown[]).map((raw, i) => {
    const e: Record<string, unknown> = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const { id, reason, kind } = e;
    if (typeof id !== 'string' || id.length === 0) throw new UsageError(`${at([i])}: entry ${i}: needs an id (a glob is fine)`);
    if (typeof reason !== 'string' || reason.trim().split(/\s+/).length < 4) throw new UsageError(`${at([i, 'reason'])}: entry ${i} (${id}): needs a reason of at least four words`);
    if (kind !== undefined && typeof kind !== 'string') throw new UsageError(`${at([i, 'kind'])}: entry ${i} (${id}): kind must be a string`);
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
