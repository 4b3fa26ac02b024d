import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App, StackManifest } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { addCatalogueStacks, StackShare } from '../stacks/app';
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

/** The manifest entries of the stacks one app wrote, by stack name. */
export type WrittenStacks = Record<string, StackManifest>;

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
 * leaves the previous output untouched. In this process, in one app; `synthInWorkers` splits a large fleet.
 */
export function synthCatalogue(options: SynthOptions): SynthResult {
  return inStaging(options.outdir, (staging) => {
    writeManifest(staging, synthesizeStacks(staging, options.catalogue));
    return publish(staging, options);
  });
}

/**
 * Runs `build` on a fresh staging directory beside `outdir` (openStaging) and removes that directory when `build`
 * throws or its promise rejects: the one place a synth, in one app or in shares, cleans up after a failure.
 */
export function inStaging<T>(outdir: string, build: (staging: string) => T): T {
  const staging = openStaging(outdir);
  const discard = (e: unknown): never => {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  };
  try {
    const result = build(staging);
    return (result instanceof Promise ? result.catch(discard) : result) as T;
  } catch (e) {
    return discard(e);
  }
}

/**
 * Builds a catalogue's stacks — all of them, or a share — into `outdir` and writes each one's cdk.tf.json; returns
 * their manifest entries (the caller writes manifest.json, once for all shares). cdktf's App.synth, minus its
 * preparing pass over stacks that read no other stack: that pass resolves every token of every stack a first time
 * only to find cross-stack references (a quarter of synth's time), and only global reads other stacks. Global is
 * prepared, which adds to the stacks it reads the outputs its references need, then the stacks are synthesized. The
 * same bytes as App.synth, held by a test on whole fleets; the same code in one app and in every worker.
 */
export function synthesizeStacks(outdir: string, catalogue: Catalogue, share?: StackShare): WrittenStacks {
  const app = new App({ outdir, skipValidation: false });
  const { written, referencing } = addCatalogueStacks(app, catalogue, share);
  for (const stack of referencing) stack.prepareStack();
  const session = { outdir, skipValidation: false, manifest: app.manifest };
  for (const stack of written) {
    stack.ensureBackendExists();
    stack.synthesizer.synthesize(session);
  }
  const invalid = app.node.validate();
  if (invalid.length > 0) throw new Error(`the app does not validate: ${invalid.join('; ')}`);
  return { ...app.manifest.stacks };
}

/** Writes manifest.json for the stacks of every share, as cdktf's App.synth writes it for one app. */
export function writeManifest(outdir: string, stacks: WrittenStacks): void {
  const manifest = new App({ outdir }).manifest;
  Object.assign(manifest.stacks, stacks);
  manifest.writeToFile();
}

/**
 * A fresh staging directory beside `outdir`, with its stacks/ folder: what is built goes there first. The folder is
 * made here, once: cdktf makes it when it is missing, and two threads doing so at once collide.
 */
function openStaging(outdir: string): string {
  const parent = dirname(resolve(outdir));
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(resolve(outdir))}.tmp-`));
  mkdirSync(join(staging, 'stacks'));
  return staging;
}

/** Checks the guardrails on the staged output, carries over what `outdir` must keep, and replaces `outdir` with it. */
export function publish(staging: string, options: SynthOptions): SynthResult {
  const outdir = resolve(options.outdir);
  const stacks = readdirSync(join(staging, 'stacks')).sort();
  if (options.guardrails ?? true) enforceGuardrails(checkSynthesized(staging, options.catalogue.guardrails.suppressions));
  carryOver(join(outdir, 'stacks'), join(staging, 'stacks'));
  const previous = existsSync(outdir) ? `${staging}.old` : undefined;
  if (previous) renameSync(outdir, previous);
  renameSync(staging, outdir);
  if (previous) rmSync(previous, { recursive: true, force: true });
  return { outdir, stacks };
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
