import { Evaluation, evaluateGuardrails, ExternalSuppression, findingLine } from '../../lib/guardrails/evaluate';
import { GUARDRAIL_PACK } from '../../lib/guardrails/pack';
import { readStackJson, synthesizedStackNames, SynthesizedStackJson } from '../../lib/synthesized/synthesized-output';
import { UsageError } from '../errors';

/** The synthesized stacks of an output directory, by name. */
export function readSynthesizedStacks(outdir: string): Record<string, SynthesizedStackJson> {
  const stacks: Record<string, SynthesizedStackJson> = {};
  for (const name of synthesizedStackNames(outdir)) {
    const json = readStackJson(outdir, name);
    if (json) stacks[name] = json;
  }
  return stacks;
}

/** Checks a synthesized output against the pack, with the catalogue's suppressions. */
export function checkSynthesized(outdir: string, suppressions: readonly ExternalSuppression[]): Evaluation {
  return evaluateGuardrails(readSynthesizedStacks(outdir), GUARDRAIL_PACK, suppressions);
}

/** Open error-level findings: synth writes nothing and exits 2, one line per finding. */
export class GuardrailError extends UsageError {
  constructor(public readonly lines: readonly string[]) {
    super(`${lines.length} guardrail error${lines.length === 1 ? '' : 's'} (suppress one only with a reason: see docs/guardrails.md)\n${lines.join('\n')}`, 2);
    this.name = 'GuardrailError';
  }
}

/** Throws GuardrailError when open errors remain. */
export function enforceGuardrails(evaluation: Evaluation): void {
  if (evaluation.errors.length > 0) throw new GuardrailError(evaluation.errors.map(findingLine));
}
