import { markdownTable } from '../report/markdown-table';
import { JunitCase, junitCounts, junitXml } from '../report/junit';
import type { GateOutcome } from './health-gate';
import { DECOMMISSION_ENVIRONMENT, RolloutPlan } from './waves';

/** The rollout plan for people: one section per wave, changed stacks marked. */
export function renderPlanMarkdown(plan: RolloutPlan): string {
  const lines = [`# Rollout${plan.fastPath ? ' (fast path)' : ''}`, ''];
  if (!plan.comparedWithBase) lines.push('_No base output given: every stack counts as changed._', '');
  for (const w of plan.waves) {
    const changed = w.stacks.filter((s) => s.changed);
    const tags = [w.canary ? 'canary' : undefined, w.needsApproval ? 'needs approval' : undefined, w.bakeMs > 0 ? `bake ${w.bake}` : undefined].filter(Boolean);
    lines.push(`## Wave ${w.wave}: ${w.environments.join(', ')}${tags.length ? ` — ${tags.join(', ')}` : ''}`, '');
    if (w.checks.length > 0) lines.push(`Health gate: ${w.checks.map((c) => `${c.region} ${c.name}`).join(', ')}`, '');
    lines.push(...markdownTable(['stack', 'layer', 'changed'], w.stacks.map((s) => [s.stack, s.layer, s.changed ? '**yes**' : 'no'])));
    lines.push('', `${changed.length} of ${w.stacks.length} stacks to apply.${w.canary && changed.length > 0 ? ' Rolled back to the last deployed configuration if its apply or gate fails.' : ''}`, '');
  }
  if (plan.retired.length > 0) {
    lines.push(`## Decommission — needs approval (${DECOMMISSION_ENVIRONMENT})`, '', 'After every wave, platform before infrastructure; each state archived once it is empty.', '');
    lines.push(...markdownTable(['stack', 'layer', 'resources'], plan.retired.map((r) => [r.stack, r.layer, String(r.resources)]), [2]));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What a PR comment shows of the rollout: the changed stacks in wave order on one line, what happens if the canary
 * degrades, and (⚠) the stacks a merge would destroy, with their resource counts.
 */
export function rolloutOrderLine(plan: RolloutPlan): string {
  const parts = plan.waves.map((w) => ({ w, s: w.stacks.filter((s) => s.changed).map((s) => s.stack) })).filter((x) => x.s.length > 0);
  const retired = plan.retired.map((r) => r.stack);
  if (parts.length === 0 && retired.length === 0) return 'Rollout: nothing changed.';
  const steps = parts.map(({ w, s }) => `wave ${w.wave}${w.canary ? ' (canary)' : ''}: ${s.join(', ')}`);
  if (retired.length > 0) steps.push(`decommission: ${retired.join(', ')}`);
  const lines = [`Rollout: ${steps.join(' → ')}`, '', ...rolloutDiagram(plan)];
  const canary = parts.find((p) => p.w.canary);
  if (canary) lines.push('', `If the canary's apply or health gate fails, wave ${canary.w.wave} is rolled back automatically to its last deployed configuration; destroys and replacements marked ⚠ above have no automatic way back.`);
  if (retired.length > 0) {
    lines.push('', `### ⚠ Stacks to decommission (${retired.length})`, '', `Destroyed after every wave, once approved in the \`${DECOMMISSION_ENVIRONMENT}\` environment; each state is archived, not deleted.`, '');
    for (const r of plan.retired) lines.push(`- **destroy** \`${r.stack}\` (${r.layer}): ${r.resources} resources`);
  }
  return lines.join('\n');
}

/** One stack's line in an apply, rollback or decommission report. */
export interface ReportRow {
  readonly stack: string;
  readonly layer: string;
  /** `applied`, `no-changes`, `unchanged`, `destroyed`, `failed`, `skipped`. */
  readonly outcome: string;
  readonly reason?: string;
  readonly durationMs: number;
}

/** What one apply of a wave, a rollback of it or a decommission did. */
export interface ApplyReport {
  readonly wave: number | 'decommission';
  /** @default 'wave' */
  readonly kind?: 'wave' | 'rollback' | 'decommission';
  readonly results: readonly ReportRow[];
  readonly gate?: GateOutcome;
}

function titleOf(r: ApplyReport): string {
  return r.kind === 'rollback' ? `Rollback of wave ${r.wave}` : r.kind === 'decommission' ? 'Decommission of retired stacks' : `Rollout wave ${r.wave}`;
}

export function renderApplyMarkdown(r: ApplyReport): string {
  const failed = r.results.find((x) => x.outcome === 'failed');
  const done = r.kind === 'rollback' ? 'Every stack is back at the last deployed configuration.' : r.kind === 'decommission' ? 'Every retired stack is destroyed and its state archived.' : 'Every stack of the wave applied.';
  const lines = [`# ${titleOf(r)}`, '', failed ? `**Stopped**: ${failed.stack} failed — ${failed.reason}` : done, ''];
  lines.push(...markdownTable(['stack', 'layer', 'outcome', 'detail'], r.results.map((x) => [x.stack, x.layer, x.outcome, x.reason ?? ''])));
  if (r.gate) lines.push('', r.gate.passed ? `Health gate after it: passed (${r.gate.rounds} rounds).` : `**Health gate after it failed**: ${r.gate.failure.check.region} ${r.gate.failure.check.name} ${r.gate.failure.detail}.`);
  return `${lines.join('\n')}\n`;
}

export function renderGateMarkdown(wave: number, g: GateOutcome): string {
  const head = g.passed ? `Health gate of wave ${wave} passed (${g.rounds} rounds).` : `**Health gate of wave ${wave} failed**: ${g.failure.check.region} ${g.failure.check.name} ${g.failure.detail}. Later waves must not start.`;
  const rows = g.results.map((c) => [c.check.region, c.check.name, c.ok ? 'ok' : 'FAILED', c.detail]);
  return [`# ${head}`, '', ...markdownTable(['region', 'check', 'result', 'detail'], rows), ''].join('\n');
}

/** JUnit XML: one testcase per stack (skipped ones as skipped), for CI test tabs. */
export function renderApplyJunit(r: ApplyReport): string {
  const kind = r.kind ?? 'wave';
  const cases: JunitCase[] = r.results.map((x) => ({
    classname: kind === 'wave' ? `rollout.wave${r.wave}` : kind === 'rollback' ? `rollout.rollback${r.wave}` : 'rollout.decommission',
    name: x.stack,
    timeMs: x.durationMs,
    ...(x.outcome === 'failed' ? { failure: { type: kind === 'decommission' ? 'destroy' : 'apply', message: x.reason ?? '' } } : x.outcome === 'skipped' ? { skipped: { message: x.reason ?? '' } } : {}),
  }));
  if (r.gate && !r.gate.passed) cases.push({ classname: `rollout.${kind}${r.wave}`, name: 'health gate', timeMs: 0, failure: { type: 'gate', message: `${r.gate.failure.check.region} ${r.gate.failure.check.name}: ${r.gate.failure.detail}` } });
  const n = junitCounts(cases);
  const attributes = [['tests', n.tests], ['failures', n.failures], ['skipped', n.skipped]] as const;
  return junitXml('rollout', attributes, [{ name: kind === 'wave' ? `wave ${r.wave}` : titleOf(r), attributes, cases }]);
}

/** The file names of a report: `rollout-wave-2`, `rollout-rollback-2`, `rollout-decommission`. */
export function reportBase(r: Pick<ApplyReport, 'wave' | 'kind'>): string {
  return r.kind === 'decommission' ? 'rollout-decommission' : `rollout-${r.kind ?? 'wave'}-${r.wave}`;
}

/**
 * The rollout as a Mermaid flowchart, one node per wave (not per stack, so it stays readable at 20 regions): what
 * the wave does, how many stacks; the canary marked with its rollback, decommissioning last.
 */
export function rolloutDiagram(plan: RolloutPlan): string[] {
  const nodes = plan.waves.map((w) => {
    const n = w.stacks.filter((s) => s.changed).length;
    const what = n === 0 ? 'no change' : `${n} stack${n === 1 ? '' : 's'} to apply`;
    return `  w${w.wave}["wave ${w.wave} · ${w.environments.join(', ')}${w.canary ? ' · canary' : ''}<br/>${what}"]`;
  });
  const chain = plan.waves.map((w) => `w${w.wave}`);
  const extra: string[] = [];
  const canary = plan.waves.find((w) => w.canary && w.stacks.some((s) => s.changed));
  if (canary) extra.push(`  w${canary.wave} -. "apply or gate fails" .-> rb${canary.wave}["roll back wave ${canary.wave}<br/>to the last deployed configuration"]`);
  if (plan.retired.length > 0) {
    nodes.push(`  dc["⚠ decommission<br/>${plan.retired.length} stack${plan.retired.length === 1 ? '' : 's'} destroyed after approval"]`);
    chain.push('dc');
  }
  return ['```mermaid', 'flowchart LR', ...nodes, `  ${chain.join(' --> ')}`, ...extra, '```'];
}
