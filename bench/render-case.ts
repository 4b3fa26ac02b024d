/**
 * Renders a synthetic plan of N resource changes (updates, replacements of critical resources, creates,
 * destroys, sensitive attributes) into the Markdown and JSON reports: `render-case.ts plan-report-N <runs>`.
 */
import { performance } from 'node:perf_hooks';
import type { ChangeAction, PlanJson, ResourceChange } from '../cli/plan/plan-json';
import { renderMarkdown } from '../cli/plan/render-markdown';
import { buildReport, reportJson } from '../cli/plan/report';

const [name, runsArg] = process.argv.slice(2);
const count = Number(name.split('-').pop());
const runs = Number(runsArg ?? 5);

const kinds: [string, ChangeAction[]][] = [
  ['aws_route53_record', ['update']],
  ['aws_security_group_rule', ['create']],
  ['aws_eks_node_group', ['delete', 'create']],
  ['aws_route', ['delete']],
];
const changes: ResourceChange[] = Array.from({ length: count }, (_, i) => {
  const [type, actions] = kinds[i % kinds.length];
  return {
    address: `${type}.r${i}`,
    mode: 'managed',
    type,
    name: `r${i}`,
    change: {
      actions,
      before: { ttl: 60, records: [`10.0.${i % 250}.1`], tags: { team: 'a' }, password: 'secret' },
      after: { ttl: 300, records: [`10.1.${i % 250}.1`], tags: { team: 'b' }, password: 'secret2' },
      before_sensitive: { password: true },
      after_sensitive: { password: true },
      replace_paths: actions.length === 2 ? [['instance_types']] : undefined,
    },
  };
});
const plan = { format_version: '1.2', resource_changes: changes, planned_values: {} } as unknown as PlanJson;
const stacks = Array.from({ length: 5 }, (_, s) => ({ stack: `stack-${s}`, wave: s, plan: { ...plan, resource_changes: changes.slice((s * count) / 5, ((s + 1) * count) / 5) } }));

const times: number[] = [];
let size = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const report = buildReport(stacks);
  size = renderMarkdown(report).length + reportJson(report).length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    name,
    stacks: stacks.length,
    runs,
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    minMs: Math.round(times[0]),
    maxMs: Math.round(times[times.length - 1]),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    outputChars: size,
  })}\n`,
);
