import { markdownTable } from '../report/markdown-table';
import type { ActionKind } from './changes';
import type { PlanReport, ResourceReport, StackReport } from './report';

/** GitHub's comment limit is 65,536 characters; stay under it with room for the host's own wrapping. */
export const COMMENT_LIMIT = 65_536;
/** Marks the comment so the PR workflow updates it instead of adding a new one per push. */
export const COMMENT_MARKER = '<!-- kore-plan-report -->';

const SYMBOL: Record<ActionKind, string> = { create: '+', update: '~', replace: '-/+', destroy: '-', read: '<=', forget: '.', 'no-op': ' ' };

/**
 * Renders the PR comment: summary table by wave, the ⚠ section (never truncated), then per-stack details in
 * collapsible blocks. When the whole would exceed `limit`, details are cut down step by step, with a note.
 */
export function renderMarkdown(report: PlanReport, limit = COMMENT_LIMIT - 1_000): string {
  const head = [COMMENT_MARKER, renderSummary(report), renderWarnings(report), renderImports(report), renderDivergences(report)].filter(Boolean).join('\n\n');
  // Progressively smaller detail: all attributes → fewer resources → no attributes → none at all.
  const levels = [
    { maxResources: Infinity, attributes: 20 },
    { maxResources: 100, attributes: 5 },
    { maxResources: 30, attributes: 0 },
    { maxResources: 5, attributes: 0 },
  ];
  for (const level of levels) {
    const details = report.stacks.map((s) => renderStack(s, level.maxResources, level.attributes)).join('\n\n');
    const note = level === levels[0] ? '' : '\n\n> Details are shortened to fit a PR comment; `plan-report.json` has every resource and attribute.';
    const text = `${head}\n\n### Details\n\n${details}${note}\n`;
    if (text.length <= limit) return text;
  }
  return `${head}\n\n> Details are left out to fit a PR comment; \`plan-report.json\` has every resource and attribute.\n`;
}

function renderSummary(report: PlanReport): string {
  const t = report.totals;
  const errored = report.stacks.filter((s) => s.status === 'error').length;
  const lines = [
    `## Terraform plan: ${report.stacks.length} stack${report.stacks.length === 1 ? '' : 's'} — ${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy${t.import ? `, ${t.import} to import` : ''}${t.move ? `, ${t.move} to move` : ''}${errored ? `, ${errored} without a plan` : ''}`,
    '',
  ];
  const rows = report.stacks.map((s) => {
    const flag = s.status === 'error' ? '❌ no plan (failed)' : report.warnings.some((w) => w.stack === s.stack) ? '⚠' : s.resources.length === 0 ? 'no changes' : '';
    const c = s.counts;
    return [String(s.wave ?? '—'), `\`${s.stack}\``, String(c.add), String(c.change), String(c.replace), String(c.destroy), flag];
  });
  lines.push(...markdownTable(['wave', 'stack', 'add', 'change', 'replace', 'destroy', ''], rows, [0, 2, 3, 4, 5]));
  return lines.join('\n');
}

function renderWarnings(report: PlanReport): string {
  if (report.warnings.length === 0) return '';
  const lines = [`### ⚠ Destroys and replacements of stateful or critical resources (${report.warnings.length})`, ''];
  for (const w of report.warnings) {
    const forced = w.replacePaths.length > 0 ? ` — forced by ${w.replacePaths.map((p) => `\`${p}\``).join(', ')}` : '';
    const why = w.actionReason ? ` (${w.actionReason})` : '';
    const noWayBack = w.noAutomaticRollback ? ' — **no automatic rollback**: if the canary degrades, re-applying the old configuration makes a new, empty one' : '';
    lines.push(`- **${w.action}** \`${w.address}\`${w.path ? ` (${w.path})` : ''} in \`${w.stack}\` — ${w.reason}${forced}${why}${noWayBack}`);
  }
  return lines.join('\n');
}

/** Imports whose configuration would change what they import: the model must match reality first. */
function renderImports(report: PlanReport): string {
  const changing = report.stacks.flatMap((s) => s.resources.filter((r) => r.importChanges).map((r) => ({ stack: s.stack, r })));
  if (changing.length === 0) return '';
  const lines = [`### ⚠ Imports that would change the imported resource (${changing.length})`, '', 'Make the declared model match reality before changing reality: these imports come with changes.', ''];
  for (const { stack, r } of changing) lines.push(`- **import + ${r.action}** \`${r.address}\`${r.path ? ` (${r.path})` : ''} in \`${stack}\`${r.attributes.length ? `: ${r.attributes.map((a) => `\`${a.path}\``).join(', ')}` : ''}`);
  return lines.join('\n');
}

/** Stacks doing something else to a construct than their siblings of the same layer. */
function renderDivergences(report: PlanReport): string {
  if (report.divergences.length === 0) return '';
  const lines = [`### ⚠ Regions that diverge from their siblings (${report.divergences.length})`, ''];
  for (const d of report.divergences) {
    lines.push(`- \`${d.stack}\` would **${d.action}** its \`${d.construct}\` where ${d.siblings.map((s) => `\`${s}\``).join(', ')} ${d.siblingAction === 'unchanged' ? 'leave theirs unchanged' : `would ${d.siblingAction} theirs`}`);
  }
  return lines.join('\n');
}

function renderStack(s: StackReport, maxResources: number, maxAttributes: number): string {
  const c = s.counts;
  const summary = s.status === 'error' ? `${s.stack}: no plan (failed)` : `${s.stack}: ${c.add} add, ${c.change} change, ${c.replace} replace, ${c.destroy} destroy`;
  const body: string[] = [];
  if (s.status === 'error') body.push('```', oneLine(s.error ?? ''), '```');
  else if (s.resources.length === 0 && s.outputs.length === 0) body.push('No changes.');
  for (const r of s.resources.slice(0, maxResources)) body.push(renderResource(r, maxAttributes));
  if (s.resources.length > maxResources) body.push(`- … ${s.resources.length - maxResources} more resources`);
  for (const o of s.outputs) body.push(`- output \`${o.name}\`: ${o.action}${o.sensitive ? ' (sensitive)' : ''}`);
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body.join('\n')}\n\n</details>`;
}

function renderResource(r: ResourceReport, maxAttributes: number): string {
  const tags = [r.imported ? 'import' : '', r.movedFrom ? `moved from \`${r.movedFrom}\`` : '', r.rolling ?? ''].filter(Boolean).join(', ');
  const head = `- \`${SYMBOL[r.action]}\` ${r.action} \`${r.address}\`${r.path ? ` (${r.path})` : ''}${tags ? ` [${tags}]` : ''}${r.replacePaths.length ? ` (forced by ${r.replacePaths.map((p) => `\`${p}\``).join(', ')})` : ''}`;
  if (maxAttributes === 0 || r.attributes.length === 0) return head;
  const attrs = r.attributes.slice(0, maxAttributes).map((a) => `  - \`${a.path}\`: ${code(a.before)} → ${code(a.after)}`);
  if (r.attributes.length > maxAttributes) attrs.push(`  - … ${r.attributes.length - maxAttributes} more attributes`);
  return [head, ...attrs].join('\n');
}

function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
