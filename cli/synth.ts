import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { addCatalogueStacks } from '../stacks/app';
import { checkSynthesized, enforceGuardrails } from './guardrails/run-guardrails';

export interface SynthOptions {
  readonly catalogue: Catalogue;
  /** Output directory (cdktf.out by convention). */
  readonly outdir: string;
  /**
   * Check the guardrail pack and refuse to write an output with open error-level findings.
   * @default true
   */
  readonly guardrails?: boolean;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: string[];
}

/**
 * What a stack directory holds that synth did not write and must keep: Terraform's provider and module cache and
 * its lock file (re-downloading providers on every synth is slow, and without a registry impossible), and any
 * local state (older layouts kept the bootstrap state here).
 */
const KEPT = (name: string) => name === '.terraform' || name === '.terraform.lock.hcl' || /\.tfstate(\.backup)?$/.test(name);

/**
 * Synthesizes every stack of a catalogue into `outdir`, all or nothing: the app is built and synthesized into a
 * sibling temp directory, what each existing stack directory must keep (KEPT) is carried over, and only then does
 * the complete result replace `outdir`. A construct that throws halfway, or an open error-level guardrail finding,
 * leaves the previous output untouched.
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
    if (options.guardrails ?? true) enforceGuardrails(checkSynthesized(staging, options.catalogue.guardrails.suppressions));
    carryOver(join(outdir, 'stacks'), join(staging, 'stacks'));
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

/** Moves the KEPT entries of each old stack directory into the new one (a stack that is gone keeps its directory). */
function carryOver(oldStacks: string, newStacks: string): void {
  if (!existsSync(oldStacks)) return;
  for (const stack of readdirSync(oldStacks)) {
    const from = join(oldStacks, stack);
    const kept = readdirSync(from).filter(KEPT);
    if (kept.length === 0) continue;
    const to = join(newStacks, stack);
    mkdirSync(to, { recursive: true });
    for (const name of kept) renameSync(join(from, name), join(to, name));
  }
}
