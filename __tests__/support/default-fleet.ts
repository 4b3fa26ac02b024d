import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthCatalogue } from '../../cli/synth';
import { readStackJson, synthesizedStackNames } from '../../lib/synthesized/synthesized-output';
import { defaultCatalogue } from '../../regions/catalogue';

/*
 * Many test files start from exactly the default catalogue's synthesized output (what `npm run synth` writes).
 * Within one jest run it is synthesized once, in the run's scratch directory (default-fleet-setup.js), and every
 * caller reads it or gets a copy of its own: 29 files copied in milliseconds, against about a second of CPU per
 * synth on the reference machine. Outside a jest run with that setup, every call synthesizes.
 */

/** Set by the jest global setup: a directory that lives as long as one jest run. */
export const RUN_DIR_VARIABLE = 'KORE_TEST_RUN_DIR';

/** The run's one synthesized default fleet, built on first use; undefined outside a jest run with the setup. */
function sharedDefaultFleet(): string | undefined {
  const runDir = process.env[RUN_DIR_VARIABLE];
  if (!runDir || !existsSync(runDir)) return undefined;
  const shared = join(runDir, 'default-fleet');
  if (existsSync(shared)) return shared;
  // Built aside and renamed into place: two workers may build it at once, and only a complete output is ever seen.
  const built = synthCatalogue({ catalogue: defaultCatalogue(), outdir: join(mkdtempSync(join(runDir, 'building-')), 'out') }).outdir;
  try {
    renameSync(built, shared);
  } catch {
    rmSync(built, { recursive: true, force: true }); // another worker's came first, with the same bytes
  }
  return shared;
}

/** The default fleet's output in a fresh directory of the caller's own, to read and to write into (plan files, records). */
export function defaultFleetOut(prefix = 'kore-fleet-'): string {
  const mine = join(mkdtempSync(join(tmpdir(), prefix)), 'out');
  const shared = sharedDefaultFleet();
  if (!shared) return synthCatalogue({ catalogue: defaultCatalogue(), outdir: mine }).outdir;
  cpSync(shared, mine, { recursive: true });
  return mine;
}

/** Every stack of the default fleet as parsed Terraform JSON, by stack name (read only). */
export function defaultFleetStacks(): Record<string, any> {
  const out = sharedDefaultFleet() ?? defaultFleetOut();
  return Object.fromEntries(synthesizedStackNames(out).map((name) => [name, readStackJson(out, name)]));
}
