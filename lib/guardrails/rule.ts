/** How bad a finding is: `error` fails synth and the guardrails command; `warning` is reported only. */
export type RuleLevel = 'error' | 'warning';

/** A rule's verdict on one resource. */
export type RuleVerdict = 'compliant' | 'non-compliant' | 'not-applicable';

/** One resource of a synthesized stack, as Terraform will read it. */
export interface SynthesizedResource {
  /** `aws_s3_bucket` */
  readonly type: string;
  /** The Terraform name (`Network_Vpc_ABC123`). */
  readonly name: string;
  /** `aws_s3_bucket.Network_Vpc_ABC123` */
  readonly address: string;
  /** The construct path (`prod-us-east-1/Network/Vpc`), from cdktf's metadata. */
  readonly path: string;
  /** The resource's arguments, as synthesized (references are `${…}` strings). */
  readonly config: Readonly<Record<string, any>>;
}

/** What a rule may look at besides its resource: the rest of the stack. */
export interface StackView {
  readonly stack: string;
  /** Every managed resource of a type. */
  resources(type: string): readonly SynthesizedResource[];
  /** Resources of `type` that reference `target` (`${<target address>.…}`). */
  referencing(type: string, target: SynthesizedResource): readonly SynthesizedResource[];
}

/**
 * A guardrail, in the cdk-nag style: data (id, level, message, why, link) plus a pure check of one synthesized
 * resource. One rule per file under rules/; the pack (pack.ts) lists them.
 */
export interface Rule {
  /** Stable id, e.g. `AWS-EC2-002`; suppressions name it. */
  readonly id: string;
  readonly level: RuleLevel;
  /** The resource types the rule looks at; any other resource is not applicable. */
  readonly appliesTo: readonly string[];
  /** What a non-compliant resource is, in one line. */
  readonly message: string;
  /** Why it matters, a sentence or two. */
  readonly why: string;
  /** The provider's or vendor's guidance. */
  readonly link: string;
  check(resource: SynthesizedResource, view: StackView): RuleVerdict;
}

/** `true` ⇒ compliant, `false` ⇒ non-compliant: most checks are a yes/no question. */
export const verdict = (ok: boolean): RuleVerdict => (ok ? 'compliant' : 'non-compliant');

/** The first element of a nested block (synthesized JSON keeps blocks as objects or one-element lists). */
export function block(value: unknown): Record<string, any> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'object' && v !== null ? (v as Record<string, any>) : undefined;
}

/** A nested block as a list (zero, one or many). */
export function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Record<string, any>] : [];
}

/** A JSON policy document from a synthesized string, or undefined when it is not literal JSON. */
export function policyDocument(text: unknown): { Statement: any[] } | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const doc = JSON.parse(text);
    return { Statement: Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement] };
  } catch {
    return undefined;
  }
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
