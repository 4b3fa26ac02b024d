/*
 * What a guardrail suppression is, apart from the aspect that records it (suppress.ts): the catalogue's validation
 * and the evaluation of synthesized JSON need only this, and must not load cdktf for it.
 */

/** Where a suppression travels in the synthesized JSON: a `//` key, which Terraform ignores as a comment. */
export const SUPPRESSIONS_KEY = 'guardrails_suppressions';

/** A reasoned exception to a rule: the rule's id and why it does not apply here. */
export interface GuardrailSuppression {
  readonly rule: string;
  /** At least a sentence: what makes this resource the exception. */
  readonly reason: string;
}

/** A reason is a sentence: eight words or more, ending like one. */
export function reasonProblem(reason: string): string | undefined {
  const words = reason.trim().split(/\s+/).filter(Boolean).length;
  return words >= 8 && /[.!?)]$/.test(reason.trim()) ? undefined : `a suppression needs a reason of at least a sentence (got "${reason}")`;
}
