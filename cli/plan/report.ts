import { actionKind, ActionKind, AttributeChange, changedAttributes, formatPath } from './changes';
import { criticalRuleFor, rollingNoteFor } from './critical-rules';
import type { PlanJson } from './plan-json';

/** One stack's plan as input to the report: a parsed plan, or the reason there is none. */
export interface StackPlanInput {
  readonly stack: string;
  /** Rollout wave; stacks outside the catalogue get none. */
  readonly wave?: number;
  readonly plan?: PlanJson;
  /** Why the plan could not be made (init or plan failed, bad file). */
  readonly error?: string;
  /** Construct path of each resource address, from the synthesized stack's metadata. */
  readonly paths?: Readonly<Record<string, string>>;
  /** The stack's layer (infrastructure, platform, …): divergence compares stacks of one layer. */
  readonly layer?: string;
  /** In the canary wave: its destroys and replacements have no automatic rollback (a re-apply makes new, empty ones). */
  readonly canary?: boolean;
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
  /** The construct that made it (`prod-us-east-1/Cluster/general/NodeGroup`), when the synthesized stack is known. */
  readonly path?: string;
  /** Imported by an `import` block; `importChanges` when the configuration would then change what was imported. */
  readonly imported?: boolean;
  readonly importChanges?: boolean;
  /** Moved here by a `moved` block, from this address. */
  readonly movedFrom?: string;
  /** An update the cloud rolls out by replacing instances in batches (a new image): what, in one line. */
  readonly rolling?: string;
}

export interface ActionCounts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
  /** Resources brought under management by `import` blocks (counted besides their action). */
  import: number;
  /** Resources moved to a new address by `moved` blocks (counted besides their action). */
  move: number;
}

export interface StackReport {
  readonly stack: string;
  readonly wave?: number;
  readonly status: 'ok' | 'error';
  readonly layer?: string;
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
  readonly warnings: { stack: string; address: string; path?: string; action: ActionKind; reason: string; replacePaths: string[]; actionReason?: string; noAutomaticRollback?: boolean }[];
  /** Stacks whose change set differs in shape from their siblings' (same layer). */
  readonly divergences: Divergence[];
}

/** A stack doing something else to a construct than most stacks of its layer do to theirs. */
export interface Divergence {
  readonly stack: string;
  /** The top-level construct (`Cluster`, `Network`, `Artifactory`, …). */
  readonly construct: string;
  readonly action: ActionKind | 'unchanged';
  /** What most siblings do to it, and which siblings. */
  readonly siblingAction: ActionKind | 'unchanged';
  readonly siblings: string[];
}

/** Builds the report: pure, from parsed plans. Stacks are ordered by wave, then name. */
export function buildReport(inputs: readonly StackPlanInput[], now = new Date()): PlanReport {
  const stacks = [...inputs]
    .sort((a, b) => (a.wave ?? Number.MAX_SAFE_INTEGER) - (b.wave ?? Number.MAX_SAFE_INTEGER) || a.stack.localeCompare(b.stack))
    .map(stackReport);
  const totals = stacks.reduce<ActionCounts>(
    (t, s) => ({
      add: t.add + s.counts.add,
      change: t.change + s.counts.change,
      replace: t.replace + s.counts.replace,
      destroy: t.destroy + s.counts.destroy,
      import: t.import + s.counts.import,
      move: t.move + s.counts.move,
    }),
    emptyCounts(),
  );
  const canary = new Set(inputs.filter((i) => i.canary).map((i) => i.stack));
  const warnings = stacks.flatMap((s) =>
    s.resources.flatMap((r) =>
      r.critical ? [{ stack: s.stack, address: r.address, path: r.path, action: r.action, reason: r.critical, replacePaths: r.replacePaths, actionReason: r.actionReason, ...(canary.has(s.stack) ? { noAutomaticRollback: true } : {}) }] : [],
    ),
  );
  return { generatedAt: now.toISOString(), totals, stacks, warnings, divergences: divergencesOf(stacks) };
}

const emptyCounts = (): ActionCounts => ({ add: 0, change: 0, replace: 0, destroy: 0, import: 0, move: 0 });

/** How far an action goes, to compare change sets: a replacement outweighs an update, and so on. */
const SEVERITY: Record<string, number> = { unchanged: 0, read: 0, 'no-op': 0, forget: 1, create: 2, update: 3, destroy: 4, replace: 5 };

/**
 * For stacks of one layer, the strongest action per top-level construct (`<stack>/<Construct>/…`), compared with
 * the siblings: a stack diverges where most siblings (two at least) agree and it does something else — say, one
 * production region replaces its cluster where the others update theirs in place.
 */
export function divergencesOf(stacks: readonly StackReport[]): Divergence[] {
  const out: Divergence[] = [];
  const layers = new Map<string, StackReport[]>();
  for (const s of stacks.filter((x) => x.status === 'ok')) layers.set(s.layer ?? '', [...(layers.get(s.layer ?? '') ?? []), s]);
  for (const group of layers.values()) {
    if (group.length < 3) continue;
    const shape = (s: StackReport) => {
      const m = new Map<string, ActionKind | 'unchanged'>();
      for (const r of s.resources) {
        const construct = r.path?.split('/')[1];
        if (!construct) continue;
        const current = m.get(construct) ?? 'unchanged';
        if (SEVERITY[r.action] > SEVERITY[current]) m.set(construct, r.action);
      }
      return m;
    };
    const shapes = new Map(group.map((s) => [s.stack, shape(s)]));
    const constructs = new Set([...shapes.values()].flatMap((m) => [...m.keys()]));
    const actionOf = (stack: string, construct: string) => shapes.get(stack)?.get(construct) ?? 'unchanged';
    for (const construct of constructs) {
      for (const s of group) {
        const mine = actionOf(s.stack, construct);
        const siblings = group.filter((x) => x !== s).map((x) => ({ stack: x.stack, action: actionOf(x.stack, construct) }));
        const tally = new Map<string, string[]>();
        for (const x of siblings) tally.set(x.action, [...(tally.get(x.action) ?? []), x.stack]);
        const [mode, who] = [...tally.entries()].sort((a, b) => b[1].length - a[1].length)[0];
        if (who.length >= 2 && who.length > siblings.length / 2 && mode !== mine) {
          out.push({ stack: s.stack, construct, action: mine, siblingAction: mode as Divergence['action'], siblings: who });
        }
      }
    }
  }
  return out;
}

function stackReport(input: StackPlanInput): StackReport {
  const counts = emptyCounts();
  if (!input.plan) return { stack: input.stack, wave: input.wave, layer: input.layer, status: 'error', error: input.error ?? 'no plan', counts, resources: [], outputs: [] };
  const resources: ResourceReport[] = [];
  for (const rc of input.plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionKind(rc.change.actions);
    const imported = rc.change.importing !== undefined;
    const movedFrom = rc.previous_address !== undefined && rc.previous_address !== rc.address ? rc.previous_address : undefined;
    if (imported) counts.import++;
    if (movedFrom) counts.move++;
    // An import or a move is news even when nothing else changes.
    if ((action === 'no-op' || action === 'read') && !imported && !movedFrom) continue;
    if (action === 'create') counts.add++;
    else if (action === 'update') counts.change++;
    else if (action === 'replace') counts.replace++;
    else if (action === 'destroy') counts.destroy++;
    const rule = action === 'replace' || action === 'destroy' ? criticalRuleFor(rc.type) : undefined;
    const attributes = action === 'update' || action === 'replace' ? changedAttributes(rc.change) : [];
    const rolling = action === 'update' ? rollingNoteFor(rc.type, attributes.map((a) => a.path)) : undefined;
    resources.push({
      address: rc.address,
      type: rc.type,
      action,
      replacePaths: (rc.change.replace_paths ?? []).map(formatPath),
      actionReason: rc.action_reason,
      attributes,
      critical: rule?.reason,
      ...(rolling ? { rolling } : {}),
      path: input.paths?.[rc.address.replace(/\[[^\]]*\]$/, '')],
      ...(imported ? { imported: true, importChanges: action !== 'no-op' } : {}),
      ...(movedFrom ? { movedFrom } : {}),
    });
  }
  const outputs = Object.entries(input.plan.output_changes ?? {})
    .map(([name, change]) => ({ name, action: actionKind(change.actions), sensitive: change.before_sensitive === true || change.after_sensitive === true }))
    .filter((o) => o.action !== 'no-op');
  return { stack: input.stack, wave: input.wave, layer: input.layer, status: 'ok', counts, resources, outputs };
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
