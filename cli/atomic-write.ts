import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes several files into `dir` so that a reader never sees a half-written one: each is written to a temp name
 * and renamed into place only after all of them were written.
 */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  const staged = Object.entries(files).map(([name, content]) => {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, content);
    return { tmp, final: join(dir, name) };
  });
  for (const { tmp, final } of staged) renameSync(tmp, final);
  return staged.map((s) => s.final);
}
