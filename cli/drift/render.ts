import { JunitCase, junitCounts, junitXml, JunitSuite } from '../report/junit';
import type { DriftStatus } from './classify';
import type { StackDriftResult } from './run-drift';
import type { UnmanagedReport } from '../unmanaged/run-unmanaged';

/** The drift report, `drift-report.json`. Bump `schemaVersion` on any incompatible change (docs/drift-and-adoption.md documents it). */
export interface DriftReport {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  /** Stacks per status (a stack that drifted and has pending changes counts as drifted). */
  readonly summary: Record<DriftStatus, number>;
  /** Resources across stacks: drifted ones, and pending configuration changes (those of drifted stacks included). */
  readonly resources: { readonly drifted: number; readonly pending: number };
  readonly stacks: StackDriftResult[];
  /** With `--unmanaged`: fleet resources no state holds, and what was hung on managed ones by hand. */
  readonly unmanaged?: UnmanagedReport;
}

export function buildDriftReport(results: readonly StackDriftResult[], now = new Date()): DriftReport {
  const summary: Record<DriftStatus, number> = { clean: 0, drifted: 0, 'pending-changes': 0, error: 0 };
  for (const r of results) summary[r.status]++;
  const resources = { drifted: results.reduce((n, r) => n + r.drifted.length, 0), pending: results.reduce((n, r) => n + r.pending.length, 0) };
  return { schemaVersion: 1, generatedAt: now.toISOString(), summary, resources, stacks: [...results] };
}

/** Exit codes: 1 if any stack (or the unmanaged scan) errored, else 2 if any drifted or anything is unmanaged, else 0. */
export function driftExitCode(report: DriftReport): number {
  if (report.summary.error > 0 || (report.unmanaged?.errors.length ?? 0) > 0) return 1;
  if (report.summary.drifted > 0 || (report.unmanaged?.findings.length ?? 0) > 0) return 2;
  return 0;
}

const ICON: Record<DriftStatus, string> = { clean: '✅', drifted: '⚠️', 'pending-changes': '🕓', error: '❌' };

/** Ready to paste into an issue or chat: one status line per stack, then details. Values are already masked. */
export function renderDriftMarkdown(report: DriftReport): string {
  const s = report.summary;
  const lines = [
    `## Drift check ${report.generatedAt}: ${s.drifted} drifted, ${s.error} errors, ${s['pending-changes']} with pending changes, ${s.clean} clean`,
    `${report.resources.drifted} resource(s) drifted, ${report.resources.pending} configuration change(s) pending`,
    '',
  ];
  for (const r of report.stacks) {
    const what =
      r.status === 'drifted' ? `drifted: ${r.drifted.length} resource${r.drifted.length === 1 ? '' : 's'} changed outside Terraform`
        : r.status === 'pending-changes' ? `pending changes: ${r.pending.length} not applied`
          : r.status === 'error' ? `error: ${r.error}`
            : 'clean';
    lines.push(`- ${ICON[r.status]} \`${r.stack}\` ${what} (${(r.durationMs / 1000).toFixed(1)}s)`);
  }
  const detailed = report.stacks.filter((r) => r.drifted.length > 0 || r.pending.length > 0);
  if (detailed.length > 0) lines.push('', '### Details');
  for (const r of detailed) {
    lines.push('', `#### ${r.stack}`);
    for (const d of r.drifted) {
      const where = d.path ? ` (${d.path})` : '';
      if (d.action === 'delete') {
        lines.push(`- \`${d.address}\`${where} deleted outside Terraform`);
        continue;
      }
      lines.push(`- \`${d.address}\`${where} changed outside Terraform:`);
      for (const a of d.attributes) {
        if (a.added || a.removed) {
          lines.push(`  - \`${a.path}\`:${(a.added ?? []).map((x) => ` added \`${x}\``).join(';')}${(a.removed ?? []).map((x) => ` removed \`${x}\``).join(';')}`);
        } else {
          lines.push(`  - \`${a.path}\`: \`${a.before}\` → \`${a.after}\``);
        }
      }
    }
    for (const p of r.pending) {
      lines.push(`- \`${p.address}\`${p.path ? ` (${p.path})` : ''}: ${p.action} pending (configuration not applied yet)${p.attributes ? `: ${p.attributes.map((x) => `\`${x}\``).join(', ')}` : ''}`);
    }
  }
  if (report.unmanaged) lines.push('', ...unmanagedMarkdown(report.unmanaged));
  return `${lines.join('\n')}\n`;
}

function unmanagedMarkdown(u: UnmanagedReport): string[] {
  const where = u.scanned.map((s) => `${s.account}/${s.region}`).join(', ');
  const lines = [`### Unmanaged: ${u.findings.length} found, ${u.ignored.length} ignored (${where})`, ''];
  for (const e of u.errors) lines.push(`- ❌ scan error: ${e}`);
  for (const f of u.findings) lines.push(`- ⚠️ ${f.kind} \`${f.id}\` (${f.account}/${f.region}): ${f.detail}`);
  for (const f of u.ignored) lines.push(`- ignored ${f.kind} \`${f.id}\`: ${f.reason}`);
  return lines;
}

/** JUnit XML, one test case per stack: drift is a failure, an error is an error. */
export function renderDriftJunit(report: DriftReport): string {
  const total = report.stacks.reduce((t, r) => t + r.durationMs, 0) / 1000;
  const cases: JunitCase[] = report.stacks.map((r) => {
    const base = { classname: 'drift-check', name: r.stack, timeMs: r.durationMs };
    if (r.status === 'drifted') {
      const body = r.drifted.map((d) => `${d.address}: ${d.action === 'delete' ? 'deleted' : d.attributes.map((a) => a.path).join(', ')}`).join('\n');
      return { ...base, failure: { type: 'drift', message: `${r.drifted.length} resources changed outside Terraform`, body } };
    }
    if (r.status === 'error') return { ...base, error: { type: 'error', message: r.error ?? '' } };
    if (r.status === 'pending-changes') return { ...base, systemOut: r.pending.map((p) => `${p.address}: ${p.action} pending`).join('\n') };
    return base;
  });
  const counts = [['tests', report.stacks.length], ['failures', report.summary.drifted], ['errors', report.summary.error], ['time', total.toFixed(3)]] as const;
  const suites: JunitSuite[] = [{ name: 'drift-check', attributes: [...counts, ['timestamp', report.generatedAt]], cases }];
  const u = report.unmanaged;
  if (u) {
    const unmanaged: JunitCase[] = [
      ...u.findings.map((f) => ({ classname: `unmanaged.${f.kind}`, name: f.id, failure: { type: 'unmanaged', message: f.detail } })),
      ...u.ignored.map((f) => ({ classname: `unmanaged.${f.kind}`, name: f.id, skipped: { message: f.reason } })),
      ...u.errors.map((e) => ({ classname: 'unmanaged', name: 'scan', error: { type: 'error', message: e } })),
    ];
    const n = junitCounts(unmanaged);
    suites.push({ name: 'unmanaged', attributes: [['tests', n.tests], ['failures', n.failures], ['errors', n.errors], ['skipped', n.skipped], ['timestamp', report.generatedAt]], cases: unmanaged });
  }
  return junitXml('drift-check', counts, suites);
}
