import { mkdtempSync, renameSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { addCatalogueStacks } from '../stacks/app';

export interface SynthOptions {
  readonly catalogue: Catalogue;
  /** Output directory (cdktf.out by convention). */
  readonly outdir: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: string[];
}

/**
 * Synthesizes every stack of a catalogue into `outdir`, all or nothing: the app is built and synthesized into a
 * sibling temp directory, and only a complete result replaces `outdir`. A construct that throws halfway leaves
 * the previous output untouched.
 */
export function synthCatalogue(options: SynthOptions): SynthResult {
  const outdir = resolve(options.outdir);
  const parent = dirname(outdir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outdir)}.tmp-`));
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    addCatalogueStacks(app, options.catalogue);
    app.synth();
    const stacks = app.node.children.map((c) => c.node.id).sort();
    const previous = existsSync(outdir) ? `${staging}.old` : undefined;
    if (previous) renameSync(outdir, previous);
    renameSync(staging, outdir);
    if (previous) rmSync(previous, { recursive: true, force: true });
    return { outdir, stacks };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
