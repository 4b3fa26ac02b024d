import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/** Where a suppression travels in the synthesized JSON: a `//` key, which Terraform ignores as a comment. */
export const SUPPRESSIONS_KEY = 'guardrails_suppressions';

/** A reasoned exception to a rule: the rule's id and why it does not apply here. */
export interface GuardrailSuppression {
  readonly rule: string;
  /** At least a sentence: what makes this resource the exception. */
  readonly reason: string;
}

/** A reason is a sentence: ten words or more, ending like one. */
export function reasonProblem(reason: string): string | undefined {
  const words = reason.trim().split(/\s+/).filter(Boolean).length;
  return words >= 8 && /[.!?)]$/.test(reason.trim()) ? undefined : `a suppression needs a reason of at least a sentence (got "${reason}")`;
}

/**
 * Suppresses guardrail rules for every resource at or below `scope`, each with its reason, recorded in the
 * synthesized JSON of those resources (and so in every report). Throws when a reason is not a sentence.
 */
export function suppressGuardrails(scope: IConstruct, suppressions: readonly GuardrailSuppression[]): void {
  for (const s of suppressions) {
    const problem = reasonProblem(s.reason);
    if (problem) throw new Error(`suppressGuardrails ${s.rule}: ${problem}`);
  }
  Aspects.of(scope).add(new SuppressionAspect(suppressions));
}

class SuppressionAspect implements IAspect {
  constructor(private readonly suppressions: readonly GuardrailSuppression[]) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    for (const s of this.suppressions) node.addOverride(`//.${SUPPRESSIONS_KEY}.${s.rule}`, s.reason);
  }
}
