import { markdownTable } from '../report/markdown-table';
import { Evaluation, Finding, UNUSED_SUPPRESSION } from '../../lib/guardrails/evaluate';
import { Rule } from '../../lib/guardrails/rule';

/** Where a stack's findings point in the repository: the file and line of the catalogue entry that declares it. */
export type SourceOf = (stack: string) => { readonly uri: string; readonly line: number };

const row = (f: Finding) => [f.level, `\`${f.rule}\``, f.stack, `\`${f.address}\``, f.path, `${f.message}${f.suppressed ? ` — **suppressed** (${f.suppressed.source}): ${f.suppressed.reason}` : ''}`];

/** The guardrails report for people: open errors first, then warnings, then suppressed findings with reasons. */
export function renderGuardrailsMarkdown(ev: Evaluation, rules: readonly Rule[]): string {
  const open = ev.findings.filter((f) => !f.suppressed);
  const suppressed = ev.findings.filter((f) => f.suppressed);
  const errors = open.filter((f) => f.level === 'error');
  const warnings = open.filter((f) => f.level === 'warning');
  const lines = [
    '# Guardrails',
    '',
    `${rules.length} rules checked: **${errors.length} open error${errors.length === 1 ? '' : 's'}**, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}, ${suppressed.length} suppressed with a reason.`,
    '',
  ];
  const table = (title: string, items: Finding[]) => {
    if (items.length === 0) return;
    lines.push(`## ${title}`, '', ...markdownTable(['level', 'rule', 'stack', 'resource', 'construct', 'finding'], items.map(row)), '');
  };
  table('Open errors', errors);
  table('Warnings', warnings);
  table('Suppressed', suppressed);
  return `${lines.join('\n')}\n`;
}

/** The same facts for machines. */
export function renderGuardrailsJson(ev: Evaluation, rules: readonly Rule[]): string {
  const count = (pred: (f: Finding) => boolean) => ev.findings.filter(pred).length;
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      summary: { rules: rules.length, errors: ev.errors.length, warnings: count((f) => !f.suppressed && f.level === 'warning'), suppressed: count((f) => f.suppressed !== undefined) },
      findings: ev.findings,
    },
    null,
    2,
  )}\n`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: the rules with their help, each finding a result located at the catalogue
 * entry that declares its stack (and, logically, at its construct path and Terraform address); suppressed
 * findings carry their justification.
 */
export function renderGuardrailsSarif(ev: Evaluation, rules: readonly Rule[], sourceOf: SourceOf): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const driverRules = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id.replace(/-/g, ''),
      shortDescription: { text: r.message },
      fullDescription: { text: r.why },
      helpUri: r.link,
      help: { text: `${r.why} See ${r.link}`, markdown: `${r.why}\n\n[Guidance](${r.link})` },
      defaultConfiguration: { level: r.level === 'error' ? 'error' : 'warning' },
      properties: { tags: ['security', 'infrastructure'] },
    })),
    {
      id: UNUSED_SUPPRESSION,
      name: 'UnusedSuppression',
      shortDescription: { text: 'A suppression that suppresses nothing' },
      fullDescription: { text: 'Stale exceptions hide the next real finding of the same rule; remove them.' },
      help: { text: 'Remove the suppression, or scope it to where the rule fails.' },
      defaultConfiguration: { level: 'warning' },
    },
  ];
  const results = ev.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule) ?? rules.length,
    level: f.level === 'error' ? 'error' : 'warning',
    message: { text: `${f.message}: ${f.address} (${f.path}) in stack ${f.stack}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: sourceOf(f.stack).uri }, region: { startLine: sourceOf(f.stack).line } },
        logicalLocations: [{ fullyQualifiedName: f.path, kind: 'resource' }],
      },
    ],
    partialFingerprints: { koreFinding: `${f.stack}/${f.address}/${f.rule}` },
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.source === 'code' ? 'inSource' : 'external', justification: f.suppressed.reason }] } : {}),
    properties: { stack: f.stack, address: f.address },
  }));
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'kore-guardrails', informationUri: 'https://github.com/kore/platform-infra#guardrails', rules: driverRules } }, results }],
    },
    null,
    2,
  )}\n`;
}
