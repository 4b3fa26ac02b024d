import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeAction, parsePlanJson } from '../../cli/plan/plan-json';
import { planReportCommand, stackNameFromFile } from '../../cli/plan/plan-report-command';
import { COMMENT_LIMIT, COMMENT_MARKER, renderMarkdown } from '../../cli/plan/render-markdown';
import { buildReport, failOnMatches } from '../../cli/plan/report';
import { realTerraform } from '../../cli/terraform';
import { plan, rc } from '../support/plans';

const SECRET = 'pa55w0rd-do-not-leak';

const mixed = plan(
  [
    rc('aws_vpc_endpoint.sts', ['create'], { after: { service_name: 'sts' } }),
    rc('aws_cloudwatch_log_group.flow', ['update'], { before: { retention_in_days: 90 }, after: { retention_in_days: 30 } }),
    rc('aws_subnet.private_a', ['delete', 'create'], { before: { cidr_block: '10.0.0.0/24' }, after: { cidr_block: '10.0.1.0/24' }, replace_paths: [['cidr_block']] }, { action_reason: 'replace_because_cannot_update' }),
    rc('aws_db_instance.main', ['delete', 'create'], { before: { engine_version: '15', password: SECRET }, after: { engine_version: '16', password: SECRET }, before_sensitive: { password: true }, after_sensitive: { password: true }, replace_paths: [['engine_version']] }, { action_reason: 'replace_because_cannot_update' }),
    rc('aws_route.nat', ['delete']),
    rc('aws_s3_bucket.logs', ['delete']),
    rc('aws_iam_role.r', ['no-op']),
    rc('data.aws_caller_identity.me', ['read'], {}, { mode: 'data' }),
  ],
  { db_password: { actions: ['update'], before: SECRET, after: `${SECRET}2`, before_sensitive: true, after_sensitive: true } },
);

describe('buildReport', () => {
  const report = buildReport([
    { stack: 'prod-us-east-1', wave: 2, plan: mixed },
    { stack: 'dev-us-east-1', wave: 0, plan: plan([]) },
    { stack: 'prod-westeurope', wave: 3, error: 'terraform init failed: Error: bad credentials' },
  ]);

  it('counts each action kind, skipping no-ops and reads', () => {
    expect(report.stacks.map((s) => [s.stack, s.counts])).toEqual([
      ['dev-us-east-1', { add: 0, change: 0, replace: 0, destroy: 0, import: 0, move: 0 }],
      ['prod-us-east-1', { add: 1, change: 1, replace: 2, destroy: 2, import: 0, move: 0 }],
      ['prod-westeurope', { add: 0, change: 0, replace: 0, destroy: 0, import: 0, move: 0 }],
    ]);
    expect(report.totals).toEqual({ add: 1, change: 1, replace: 2, destroy: 2, import: 0, move: 0 });
    expect(report.stacks[2]).toMatchObject({ status: 'error', error: 'terraform init failed: Error: bad credentials' });
  });

  it('flags destroys and replacements of critical resources with what forces them', () => {
    expect(report.warnings).toEqual([
      { stack: 'prod-us-east-1', address: 'aws_subnet.private_a', action: 'replace', reason: 'network: everything inside it is replaced or cut off', replacePaths: ['cidr_block'], actionReason: 'replace_because_cannot_update' },
      { stack: 'prod-us-east-1', address: 'aws_db_instance.main', action: 'replace', reason: 'database: data loss', replacePaths: ['engine_version'], actionReason: 'replace_because_cannot_update' },
      { stack: 'prod-us-east-1', address: 'aws_s3_bucket.logs', action: 'destroy', reason: 'storage: data loss', replacePaths: [], actionReason: undefined },
    ]);
  });

  it('marks a new image as a rolling replacement of the group (not a destroy), and a group\'s destroy as critical', () => {
    const r = buildReport([{ stack: 'prod-us-east-1', wave: 2, plan: plan([
      rc('aws_launch_template.billing', ['update'], { before: { image_id: 'ami-1', name_prefix: 'x' }, after: { image_id: 'ami-2', name_prefix: 'x' } }),
      rc('aws_launch_template.tags_only', ['update'], { before: { tags: { a: '1' } }, after: { tags: { a: '2' } } }),
      rc('azurerm_linux_virtual_machine_scale_set.billing', ['update'], { before: { source_image_id: '/v/1' }, after: { source_image_id: '/v/2' } }),
      rc('aws_autoscaling_group.old', ['delete']),
    ]) }], new Date(0));
    const [stack] = r.stacks;
    expect(stack.resources.map((x) => [x.address, x.rolling?.split(':')[0]])).toEqual([
      ['aws_launch_template.billing', 'rolling replacement'], ['aws_launch_template.tags_only', undefined], ['azurerm_linux_virtual_machine_scale_set.billing', 'rolling replacement'], ['aws_autoscaling_group.old', undefined],
    ]);
    expect(stack.counts).toMatchObject({ change: 3, replace: 0, destroy: 1 });
    expect(r.warnings.map((w) => [w.address, w.reason])).toEqual([['aws_autoscaling_group.old', 'VM service group: its instances are terminated and the service is down until a new group serves']]);
    expect(renderMarkdown(r)).toContain("- `~` update `aws_launch_template.billing` [rolling replacement: the group's instance refresh replaces its instances in batches, keeping capacity, rolling back on failure]");
  });

  it('names the canary\'s destroys and replacements as having no automatic rollback, and only the canary\'s', () => {
    const inputs = [
      { stack: 'prod-us-east-1', wave: 2, canary: true, plan: mixed },
      { stack: 'prod-eu-west-1', wave: 3, plan: mixed },
    ];
    const r = buildReport(inputs, new Date(0));
    expect(r.warnings.map((w) => [w.stack, w.address, w.noAutomaticRollback ?? false])).toEqual([
      ['prod-us-east-1', 'aws_subnet.private_a', true], ['prod-us-east-1', 'aws_db_instance.main', true], ['prod-us-east-1', 'aws_s3_bucket.logs', true],
      ['prod-eu-west-1', 'aws_subnet.private_a', false], ['prod-eu-west-1', 'aws_db_instance.main', false], ['prod-eu-west-1', 'aws_s3_bucket.logs', false],
    ]);
    const md = renderMarkdown(r);
    expect(md).toContain('- **destroy** `aws_s3_bucket.logs` in `prod-us-east-1` — storage: data loss — **no automatic rollback**: if the canary degrades, re-applying the old configuration makes a new, empty one');
    expect(md).toMatch(/- \*\*destroy\*\* `aws_s3_bucket\.logs` in `prod-eu-west-1` — storage: data loss\n/);
  });

  it('renders a PR comment: marker, wave table, ⚠ section, collapsible details, masked secrets', () => {
    const md = renderMarkdown(report);
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);
    expect(md).toContain('## Terraform plan: 3 stacks — 1 to add, 1 to change, 2 to replace, 2 to destroy, 1 without a plan');
    expect(md).toContain('| 2 | `prod-us-east-1` | 1 | 1 | 2 | 2 | ⚠ |');
    expect(md).toContain('| 0 | `dev-us-east-1` | 0 | 0 | 0 | 0 | no changes |');
    expect(md).toContain('| 3 | `prod-westeurope` | 0 | 0 | 0 | 0 | ❌ no plan (failed) |');
    expect(md).toContain('- **replace** `aws_db_instance.main` in `prod-us-east-1` — database: data loss — forced by `engine_version` (replace_because_cannot_update)');
    expect(md).toContain('<details><summary>prod-us-east-1: 1 add, 1 change, 2 replace, 2 destroy</summary>');
    expect(md).toContain('  - `retention_in_days`: `90` → `30`');
    expect(md).toContain('- output `db_password`: update (sensitive)');
    expect(md).not.toContain(SECRET);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('stays under the comment limit by shortening details, never the ⚠ section', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      rc(`aws_route53_record.r${i}`, ['update'], { before: { ttl: 60, records: [`10.0.${i % 250}.1`] }, after: { ttl: 300, records: [`10.1.${i % 250}.1`] } }),
    );
    const critical = Array.from({ length: 40 }, (_, i) => rc(`aws_eks_node_group.pool${i}`, ['delete', 'create'], { replace_paths: [['instance_types']] }));
    const big = buildReport([{ stack: 'prod-us-east-1', wave: 2, plan: plan([...many, ...critical]) }]);
    const md = renderMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toContain('Details are shortened to fit a PR comment');
    for (let i = 0; i < 40; i++) expect(md).toContain(`- **replace** \`aws_eks_node_group.pool${i}\``);
  });

  it('fails on destroy for any destroy or replacement, on replace only for replacements', () => {
    expect(failOnMatches(report, 'destroy')).toBe(true);
    expect(failOnMatches(report, 'replace')).toBe(true);
    const onlyDestroy = buildReport([{ stack: 's', plan: plan([rc('aws_route.x', ['delete'])]) }]);
    expect(failOnMatches(onlyDestroy, 'destroy')).toBe(true);
    expect(failOnMatches(onlyDestroy, 'replace')).toBe(false);
    expect(failOnMatches(onlyDestroy, undefined)).toBe(false);
    // A replacement destroys too: --fail-on destroy must catch one with no plain destroy beside it.
    const onlyReplace = buildReport([{ stack: 's', plan: plan([rc('aws_eks_node_group.x', ['delete', 'create'])]) }]);
    expect(onlyReplace.totals).toMatchObject({ destroy: 0, replace: 1 });
    expect(failOnMatches(onlyReplace, 'destroy')).toBe(true);
    const onlyUpdate = buildReport([{ stack: 's', plan: plan([rc('aws_vpc.x', ['update'])]) }]);
    expect(failOnMatches(onlyUpdate, 'destroy')).toBe(false);
  });

  it.each(['aws_kms_key', 'aws_db_instance', 'aws_s3_bucket', 'aws_eks_cluster', 'aws_route53_zone', 'azurerm_key_vault', 'aws_dynamodb_table'])(
    'flags the destruction of a %s as critical',
    (type) => {
      const r = buildReport([{ stack: 's', plan: plan([rc(`${type}.x`, ['delete'])]) }]);
      expect(r.warnings.map((w) => w.address)).toEqual([`${type}.x`]);
    },
  );
});

describe('parsePlanJson', () => {
  it.each([
    ['', 'p.json: empty file (expected `terraform show -json <planfile>` output)'],
    ['{"format_version":"1.2","resource_changes":[', /^p\.json: not valid JSON, possibly truncated \(/],
    ['[1]', 'p.json: not a JSON object'],
    ['{"values":{}}', 'p.json: no format_version: not `terraform show -json` output of a plan'],
    ['{"format_version":"2.0","planned_values":{}}', 'p.json: unsupported plan format_version 2.0 (this tool reads 1.x)'],
    ['{"format_version":"1.0","values":{}}', 'p.json: this is a state, not a plan (no planned_values or resource_changes); run `terraform show -json <planfile>`'],
    ['{"format_version":"1.2","planned_values":{},"resource_changes":[{"address":"a"}]}', 'p.json: resource_changes[0] has no address or change.actions'],
  ])('rejects %j with one line naming the file', (text, message) => {
    expect(() => parsePlanJson(text, 'p.json')).toThrow(message);
  });
});

describe('plan-report command with saved plans', () => {
  const logs: string[] = [];
  const deps = { runner: realTerraform, log: (l: string) => logs.push(l) };

  function files(dir: string, plans: Record<string, unknown>): string[] {
    return Object.entries(plans).map(([name, content]) => {
      const f = join(dir, name);
      writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
      return f;
    });
  }

  it('writes the Markdown and JSON reports and exits 0, or 3 when --fail-on matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-pr-'));
    const inputs = files(dir, { 'prod-us-east-1.tfplan.json': mixed, 'dev-us-east-1.json': plan([]) });
    const out = join(dir, 'out');
    expect(await planReportCommand({ planJson: inputs, out }, deps)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['plan-report.json', 'plan-report.md']);
    const json = JSON.parse(readFileSync(join(out, 'plan-report.json'), 'utf8'));
    expect(json.stacks.map((s: any) => [s.stack, s.wave])).toEqual([['dev-us-east-1', 0], ['prod-us-east-1', 2]]);
    expect(readFileSync(join(out, 'plan-report.md'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(join(out, 'plan-report.json'), 'utf8')).not.toContain(SECRET);
    expect(await planReportCommand({ planJson: inputs, out, failOn: 'replace' }, deps)).toBe(3);
  });

  it('exits 1 when a stack could not be planned, after writing the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-pr-'));
    const out = join(dir, 'out');
    const cdktfOut = join(dir, 'cdktf.out');
    for (const s of ['dev-us-east-1', 'global']) {
      mkdirSync(join(cdktfOut, 'stacks', s), { recursive: true });
      writeFileSync(join(cdktfOut, 'stacks', s, 'cdk.tf.json'), '{}');
    }
    // A fake terraform: global plans empty, dev-us-east-1 fails at plan.
    const runner = {
      run: async (args: readonly string[], o: { cwd: string }) => {
        const stack = o.cwd.split(/[\\/]/).pop()!;
        const base = { stdout: '', stderr: '', timedOut: false, durationMs: 1 };
        if (args[0] === 'plan' && stack === 'dev-us-east-1') return { ...base, code: 1, stderr: 'Error: creating VPC: UnauthorizedOperation' };
        if (args[0] === 'show') return { ...base, code: 0, stdout: JSON.stringify(plan([])) };
        return { ...base, code: 0 };
      },
    };
    const code = await planReportCommand({ cdktfOut, stacks: ['dev-us-east-1', 'global'], out }, { runner, log: () => undefined });
    expect(code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'plan-report.json'), 'utf8'));
    expect(json.stacks.map((s: any) => [s.stack, s.status, s.error])).toEqual(expect.arrayContaining([['dev-us-east-1', 'error', expect.stringContaining('UnauthorizedOperation')], ['global', 'ok', undefined]]));
  });

  it('names a truncated plan file and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-pr-'));
    const [good, bad] = files(dir, { 'a.json': plan([]), 'b.json': JSON.stringify(mixed).slice(0, 300) });
    const out = join(dir, 'out');
    await expect(planReportCommand({ planJson: [good, `prod-us-east-1=${bad}`], out }, deps)).rejects.toThrow(
      new RegExp(`^--plan-json ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON, possibly truncated`),
    );
    expect(() => readdirSync(out)).toThrow();
  });

  it('derives stack names from file names', () => {
    expect(stackNameFromFile('plans/prod-us-east-1.tfplan.json')).toBe('prod-us-east-1');
    expect(stackNameFromFile('global.json')).toBe('global');
  });
});

describe('imports, moves, construct paths and divergence', () => {
  const paths = (stack: string) => ({
    'aws_eks_node_group.general': `${stack}/Cluster/general/NodeGroup`,
    'aws_vpc.main': `${stack}/Network/Vpc`,
    'aws_s3_bucket.adopted': `${stack}/ArtifactoryBacking/Bucket`,
    'aws_iam_role.r': `${stack}/Cluster/NodeRole`,
  });

  it('counts imports and moves, and flags an import that would change what it imports', () => {
    const r = buildReport([{
      stack: 'prod-us-east-1',
      paths: paths('prod-us-east-1'),
      plan: plan([
        rc('aws_s3_bucket.adopted', ['no-op'], { importing: { id: 'kore-bucket' } }),
        rc('aws_vpc.main', ['update'], { importing: { id: 'vpc-123' }, before: { tags: {} }, after: { tags: { a: 'b' } } }),
        rc('aws_iam_role.r', ['no-op'], {}, { previous_address: 'aws_iam_role.old' }),
      ]),
    }]);
    expect(r.totals).toMatchObject({ import: 2, move: 1, change: 1 });
    const byAddress = Object.fromEntries(r.stacks[0].resources.map((x) => [x.address, x]));
    expect(byAddress['aws_s3_bucket.adopted']).toMatchObject({ imported: true, importChanges: false, path: 'prod-us-east-1/ArtifactoryBacking/Bucket' });
    expect(byAddress['aws_vpc.main']).toMatchObject({ imported: true, importChanges: true });
    expect(byAddress['aws_iam_role.r']).toMatchObject({ movedFrom: 'aws_iam_role.old' });
    const md = renderMarkdown(r);
    expect(md).toContain('2 to import, 1 to move');
    expect(md).toContain('### ⚠ Imports that would change the imported resource (1)');
    expect(md).toContain('- **import + update** `aws_vpc.main` (prod-us-east-1/Network/Vpc) in `prod-us-east-1`: `tags.a`');
    expect(md).toContain('`aws_iam_role.r` (prod-us-east-1/Cluster/NodeRole) [moved from `aws_iam_role.old`]');
  });

  it('shows the construct path next to every critical address', () => {
    const r = buildReport([{ stack: 's', paths: paths('s'), plan: plan([rc('aws_eks_node_group.general', ['delete', 'create'])]) }]);
    expect(r.warnings[0]).toMatchObject({ address: 'aws_eks_node_group.general', path: 's/Cluster/general/NodeGroup' });
    expect(renderMarkdown(r)).toContain('- **replace** `aws_eks_node_group.general` (s/Cluster/general/NodeGroup) in `s`');
  });

  it('flags a region that replaces what its siblings of the same layer update in place', () => {
    const stack = (name: string, action: ChangeAction[]) => ({ stack: name, layer: 'infrastructure', paths: paths(name), plan: plan([rc('aws_eks_node_group.general', action)]) });
    const r = buildReport([
      stack('prod-us-east-1', ['update']),
      stack('prod-ap-southeast-1', ['update']),
      stack('prod-westeurope', ['delete', 'create']),
      { stack: 'prod-us-east-1-platform', layer: 'platform', plan: plan([]) },
    ]);
    expect(r.divergences).toEqual([{ stack: 'prod-westeurope', construct: 'Cluster', action: 'replace', siblingAction: 'update', siblings: ['prod-ap-southeast-1', 'prod-us-east-1'] }]);
    expect(renderMarkdown(r)).toContain('- `prod-westeurope` would **replace** its `Cluster` where `prod-ap-southeast-1`, `prod-us-east-1` would update theirs');
    const alike = buildReport([stack('a', ['update']), stack('b', ['update']), stack('c', ['update'])]);
    expect(alike.divergences).toEqual([]);
  });

  it.each(['kubernetes_namespace_v1', 'helm_release', 'azurerm_resource_group', 'azurerm_key_vault', 'azurerm_dns_zone', 'aws_route53_zone', 'azurerm_user_assigned_identity', 'azurerm_role_assignment', 'aws_iam_role', 'aws_eks_access_entry'])(
    'puts the destruction of a %s in the ⚠ section',
    (type) => {
      expect(buildReport([{ stack: 's', plan: plan([rc(`${type}.x`, ['delete'])]) }]).warnings).toHaveLength(1);
    },
  );
});

describe('plan-report command: every expected stack gets a row', () => {
  it('reports a stack without a plan file as "no plan (failed)", names constructs, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-pr-'));
    const f = join(dir, 'global.json');
    writeFileSync(f, JSON.stringify(plan([rc('aws_route53_zone.ParentZone_Zone_A1B2C3D4', ['update'])])));
    const cdktfOut = join(dir, 'cdktf.out');
    mkdirSync(join(cdktfOut, 'stacks', 'global'), { recursive: true });
    writeFileSync(join(cdktfOut, 'stacks', 'global', 'cdk.tf.json'), JSON.stringify({ resource: { aws_route53_zone: { ParentZone_Zone_A1B2C3D4: { '//': { metadata: { path: 'global/ParentZone/Zone' } } } } } }));
    const out = join(dir, 'out');
    const code = await planReportCommand({ planJson: [f], stacks: ['global', 'prod-westeurope'], cdktfOut, out }, { runner: realTerraform, log: () => undefined });
    expect(code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'plan-report.json'), 'utf8'));
    expect(json.stacks.map((s: any) => [s.stack, s.status])).toEqual([['prod-westeurope', 'error'], ['global', 'ok']]);
    expect(json.stacks[1].resources[0].path).toBe('global/ParentZone/Zone');
    const md = readFileSync(join(out, 'plan-report.md'), 'utf8');
    expect(md).toContain('| 3 | `prod-westeurope` | 0 | 0 | 0 | 0 | ❌ no plan (failed) |');
    expect(md).toContain('`aws_route53_zone.ParentZone_Zone_A1B2C3D4` (global/ParentZone/Zone)');
  });
});
