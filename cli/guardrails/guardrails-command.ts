import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARDRAIL_PACK } from '../../lib/guardrails/pack';
import { readSourceFile } from '../../lib/private/source-file';
import { platformStackNameOf, stackNameOf } from '../../regions/schema';
import type { Catalogue } from '../../regions/schema';
import { writeFilesAtomically } from '../atomic-write';
import { UsageError } from '../errors';
import { synthCatalogue } from '../synth';
import { renderGuardrailsJson, renderGuardrailsMarkdown, renderGuardrailsSarif, SourceOf } from './render';
import { checkSynthesized } from './run-guardrails';

export type GuardrailsFormat = 'md' | 'json' | 'sarif';
export const GUARDRAILS_FORMATS: readonly GuardrailsFormat[] = ['md', 'json', 'sarif'];

export interface GuardrailsOptions {
  readonly catalogue: Catalogue;
  /** The catalogue file (SARIF locations point at it), or undefined for the default catalogue in regions/. */
  readonly catalogueFile?: string;
  readonly formats: readonly GuardrailsFormat[];
  readonly outdir: string;
}

/**
 * Where each stack is declared: in a catalogue file, the line of its entry (`global:` for the global and bootstrap
 * stacks); in the default catalogue, the line of `id:` in the entry's own file under regions/entries.
 */
function catalogueLines(catalogue: Catalogue, file: string | undefined): SourceOf {
  const entryOf = (stack: string) => catalogue.regions.findIndex((e) => stackNameOf(e) === stack || platformStackNameOf(e) === stack);
  if (file) {
    const { locate } = readSourceFile(file);
    return (stack) => {
      const i = entryOf(stack);
      const at = locate(i >= 0 ? ['regions', i] : ['global']) ?? '1:1';
      return { uri: file, line: Number(at.split(':')[0]) };
    };
  }
  const lineOf = (path: string, pattern: RegExp) => {
    const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    return Math.max(1, lines.findIndex((l) => pattern.test(l)) + 1);
  };
  return (stack) => {
    const entry = `regions/entries/${stack.replace(/-platform$/, '')}.ts`;
    return existsSync(entry) ? { uri: entry, line: lineOf(entry, /^\s*id:/) } : { uri: 'regions/catalogue.ts', line: lineOf('regions/catalogue.ts', /^\s*global:/) };
  };
}

/**
 * Synthesizes the catalogue into a scratch directory (the project's cdktf.out is left alone), checks every stack
 * against the pack and writes the reports, all at once. Returns the exit code: 2 when open errors remain, else 0.
 */
export function guardrailsCommand(options: GuardrailsOptions): { code: number; summary: string; files: string[] } {
  for (const f of options.formats) if (!GUARDRAILS_FORMATS.includes(f)) throw new UsageError(`--format ${f}: not a format (have: ${GUARDRAILS_FORMATS.join(', ')})`);
  const scratch = mkdtempSync(join(tmpdir(), 'kore-guardrails-'));
  try {
    synthCatalogue({ catalogue: options.catalogue, outdir: join(scratch, 'out'), guardrails: false });
    const ev = checkSynthesized(join(scratch, 'out'), options.catalogue.guardrails.suppressions);
    const sourceOf = catalogueLines(options.catalogue, options.catalogueFile);
    const files: Record<string, string> = {};
    if (options.formats.includes('md')) files['guardrails.md'] = renderGuardrailsMarkdown(ev, GUARDRAIL_PACK);
    if (options.formats.includes('json')) files['guardrails.json'] = renderGuardrailsJson(ev, GUARDRAIL_PACK);
    if (options.formats.includes('sarif')) files['guardrails.sarif'] = renderGuardrailsSarif(ev, GUARDRAIL_PACK, sourceOf);
    const written = writeFilesAtomically(options.outdir, files);
    const open = ev.findings.filter((f) => !f.suppressed);
    const summary = `guardrails: ${GUARDRAIL_PACK.length} rules, ${ev.errors.length} open error(s), ${open.length - ev.errors.length} warning(s), ${ev.findings.length - open.length} suppressed`;
    return { code: ev.errors.length > 0 ? 2 : 0, summary, files: written };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
