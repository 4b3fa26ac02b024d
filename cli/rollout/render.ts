import { markdownTable } from '../report/markdown-table';
import { JunitCase, junitCounts, junitXml } from '../report/junit';
import type { StackApplyResult } from './apply-wave';
import type { GateOutcome } from './health-gate';
import type { RolloutPlan } from './waves';

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
    lines.push('', `${changed.length} of ${w.stacks.length} stacks to apply.`, '');
  }
  return `${lines.join('\n')}\n`;
}

/** The changed stacks in rollout order, one line: what a PR comment shows. */
export function rolloutOrderLine(plan: RolloutPlan): string {
  const parts = plan.waves.map((w) => ({ w, s: w.stacks.filter((s) => s.changed).map((s) => s.stack) })).filter((x) => x.s.length > 0);
  if (parts.length === 0) return 'Rollout: nothing changed.';
  return `Rollout: ${parts.map(({ w, s }) => `wave ${w.wave}${w.canary ? ' (canary)' : ''}: ${s.join(', ')}`).join(' → ')}`;
}

export interface ApplyReport {
  readonly wave: number;
  readonly results: readonly StackApplyResult[];
  readonly gate?: GateOutcome;
}

export function renderApplyMarkdown(r: ApplyReport): string {
  const failed = r.results.find((x) => x.outcome === 'failed');
  const lines = [`# Rollout wave ${r.wave}`, '', failed ? `**Stopped**: ${failed.stack} failed — ${failed.reason}` : 'Every stack of the wave applied.', ''];
  lines.push(...markdownTable(['stack', 'layer', 'outcome', 'detail'], r.results.map((x) => [x.stack, x.layer, x.outcome, x.reason ?? ''])));
  return `${lines.join('\n')}\n`;
}

export function renderGateMarkdown(wave: number, g: GateOutcome): string {
  const head = g.passed ? `Health gate of wave ${wave} passed (${g.rounds} rounds).` : `**Health gate of wave ${wave} failed**: ${g.failure.check.region} ${g.failure.check.name} ${g.failure.detail}. Later waves must not start.`;
  const rows = g.results.map((c) => [c.check.region, c.check.name, c.ok ? 'ok' : 'FAILED', c.detail]);
  return [`# ${head}`, '', ...markdownTable(['region', 'check', 'result', 'detail'], rows), ''].join('\n');
}

/** JUnit XML: one testcase per stack (skipped ones as skipped), for CI test tabs. */
export function renderApplyJunit(r: ApplyReport): string {
  const cases: JunitCase[] = r.results.map((x) => ({
    classname: `rollout.wave${r.wave}`,
    name: x.stack,
    timeMs: x.durationMs,
    ...(x.outcome === 'failed' ? { failure: { type: 'apply', message: x.reason ?? '' } } : x.outcome === 'skipped' ? { skipped: { message: x.reason ?? '' } } : {}),
  }));
  const n = junitCounts(cases);
  const attributes = [['tests', n.tests], ['failures', n.failures], ['skipped', n.skipped]] as const;
  return junitXml('rollout', attributes, [{ name: `wave ${r.wave}`, attributes, cases }]);
}
