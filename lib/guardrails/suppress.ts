import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { GuardrailSuppression, reasonProblem, SUPPRESSIONS_KEY } from './suppression';

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
