import { actionKind, ActionKind, AttributeChange, changedAttributes, formatPath } from './changes';
import { criticalRuleFor } from './critical-rules';
import type { PlanJson } from './plan-json';

/** One stack's plan as input to the report: a parsed plan, or the reason there is none. */
export interface StackPlanInput {
  readonly stack: string;
  /** Rollout wave; stacks outside the catalogue get none. */
  readonly wave?: number;
  readonly plan?: PlanJson;
  /** Why the plan could not be made (init or plan failed, bad file). */
  readonly error?: string;
}

export interface ResourceReport {
  readonly address: string;
  readonly type: string;
  readonly action: ActionKind;
  /** Attributes forcing the replacement (`replace_paths`). */
  readonly replacePaths: string[];
  /** Terraform's `action_reason`, e.g. replace_because_cannot_update. */
  readonly actionReason?: string;
  readonly attributes: AttributeChange[];
  /** Set when the resource is stateful or critical and the action destroys it. */
  readonly critical?: string;
}

export interface ActionCounts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
}

export interface StackReport {
  readonly stack: string;
  readonly wave?: number;
  readonly status: 'ok' | 'error';
  readonly error?: string;
  readonly counts: ActionCounts;
  readonly resources: ResourceReport[];
  /** Output names that change; values are never reported. */
  readonly outputs: { name: string; action: ActionKind; sensitive: boolean }[];
}

export interface PlanReport {
  readonly generatedAt: string;
  readonly totals: ActionCounts;
  readonly stacks: StackReport[];
  /** Every destroy or replacement of a critical resource, across stacks. */
  readonly warnings: { stack: string; address: string; action: ActionKind; reason: string; replacePaths: string[]; actionReason?: string }[];
}

/** Builds the report: pure, from parsed plans. Stacks are ordered by wave, then name. */
export function buildReport(inputs: readonly StackPlanInput[], now = new Date()): PlanReport {
  const stacks = [...inputs]
    .sort((a, b) => (a.wave ?? Number.MAX_SAFE_INTEGER) - (b.wave ?? Number.MAX_SAFE_INTEGER) || a.stack.localeCompare(b.stack))
    .map(stackReport);
  const totals = stacks.reduce<ActionCounts>(
    (t, s) => ({ add: t.add + s.counts.add, change: t.change + s.counts.change, replace: t.replace + s.counts.replace, destroy: t.destroy + s.counts.destroy }),
    { add: 0, change: 0, replace: 0, destroy: 0 },
  );
  const warnings = stacks.flatMap((s) =>
    s.resources
      .filter((r) => r.critical)
      .map((r) => ({ stack: s.stack, address: r.address, action: r.action, reason: r.critical!, replacePaths: r.replacePaths, actionReason: r.actionReason })),
  );
  return { generatedAt: now.toISOString(), totals, stacks, warnings };
}

function stackReport(input: StackPlanInput): StackReport {
  const counts: ActionCounts = { add: 0, change: 0, replace: 0, destroy: 0 };
  if (!input.plan) return { stack: input.stack, wave: input.wave, status: 'error', error: input.error ?? 'no plan', counts, resources: [], outputs: [] };
  const resources: ResourceReport[] = [];
  for (const rc of input.plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionKind(rc.change.actions);
    if (action === 'no-op' || action === 'read') continue;
    if (action === 'create') counts.add++;
    else if (action === 'update') counts.change++;
    else if (action === 'replace') counts.replace++;
    else if (action === 'destroy') counts.destroy++;
    const rule = action === 'replace' || action === 'destroy' ? criticalRuleFor(rc.type) : undefined;
    resources.push({
      address: rc.address,
      type: rc.type,
      action,
      replacePaths: (rc.change.replace_paths ?? []).map(formatPath),
      actionReason: rc.action_reason,
      attributes: action === 'update' || action === 'replace' ? changedAttributes(rc.change) : [],
      critical: rule?.reason,
    });
  }
  const outputs = Object.entries(input.plan.output_changes ?? {})
    .map(([name, change]) => ({ name, action: actionKind(change.actions), sensitive: change.before_sensitive === true || change.after_sensitive === true }))
    .filter((o) => o.action !== 'no-op');
  return { stack: input.stack, wave: input.wave, status: 'ok', counts, resources, outputs };
}

/** True when `--fail-on` matches: `destroy` fails on any destroy or replacement, `replace` on replacements. */
export function failOnMatches(report: PlanReport, failOn: 'destroy' | 'replace' | undefined): boolean {
  if (!failOn) return false;
  return failOn === 'replace' ? report.totals.replace > 0 : report.totals.destroy + report.totals.replace > 0;
}

/** The machine-readable report. Attribute values marked sensitive were masked when they were read. */
export function reportJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
