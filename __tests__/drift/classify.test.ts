import { classifyStack } from '../../cli/drift/classify';
import { buildDriftReport, driftExitCode, renderDriftJunit, renderDriftMarkdown } from '../../cli/drift/render';
import type { StackDriftResult } from '../../cli/drift/run-drift';
import { firstError } from '../../cli/plan/run-plans';
import { plan, rc } from '../support/plans';

const withDrift = (drift: ReturnType<typeof rc>[]) => ({ ...plan([]), resource_drift: drift });

describe('classifyStack', () => {
  it('is clean when nothing drifted and nothing is pending', () => {
    expect(classifyStack(withDrift([]), plan([rc('aws_vpc.v', ['no-op'])]))).toEqual({ status: 'clean', drifted: [], pending: [] });
  });

  it('reports drift the normal plan would revert, attribute by attribute', () => {
    const drift = rc('aws_vpc.v', ['update'], { before: { tags: { Name: 'a' }, id: 'vpc-1' }, after: { tags: { Name: 'b', extra: 'x' }, id: 'vpc-1' } });
    const revert = rc('aws_vpc.v', ['update'], { before: { tags: { Name: 'b', extra: 'x' } }, after: { tags: { Name: 'a' } } });
    expect(classifyStack(withDrift([drift]), plan([revert]))).toEqual({
      status: 'drifted',
      drifted: [
        {
          address: 'aws_vpc.v',
          type: 'aws_vpc',
          action: 'update',
          attributes: [
            { path: 'tags.Name', before: '"a"', after: '"b"', sensitive: false },
            { path: 'tags.extra', before: 'null', after: '"x"', sensitive: false },
          ],
        },
      ],
      pending: [],
    });
  });

  it('ignores attributes other resources of the configuration set (the normal plan leaves them alone)', () => {
    const catchUp = rc('aws_route_table.t', ['update'], { before: { route: [] }, after: { route: [{ cidr_block: '0.0.0.0/0' }] } });
    const role = rc('aws_iam_role.r', ['update'], { before: { managed_policy_arns: [], tags: { a: '1' } }, after: { managed_policy_arns: ['arn:p'], tags: { a: '2' } } });
    const revertTagOnly = rc('aws_iam_role.r', ['update'], { before: { tags: { a: '2' } }, after: { tags: { a: '1' } } });
    const result = classifyStack(withDrift([catchUp, role]), plan([rc('aws_route_table.t', ['no-op']), revertTagOnly]));
    expect(result.drifted).toEqual([{ address: 'aws_iam_role.r', type: 'aws_iam_role', action: 'update', attributes: [{ path: 'tags.a', before: '"1"', after: '"2"', sensitive: false }] }]);
  });

  it('ignores values that only moved between null, {} and []', () => {
    const noise = rc('aws_subnet.s', ['update'], { before: { tags: null }, after: { tags: {} } });
    expect(classifyStack(withDrift([noise]), plan([rc('aws_subnet.s', ['no-op'])])).status).toBe('clean');
  });

  it('reports a resource deleted outside Terraform', () => {
    const gone = rc('aws_route.r', ['delete'], { before: { id: 'r-1' }, after: null });
    expect(classifyStack(withDrift([gone]), plan([rc('aws_route.r', ['create'])]))).toEqual({
      status: 'drifted',
      drifted: [{ address: 'aws_route.r', type: 'aws_route', action: 'delete', attributes: [] }],
      pending: [],
    });
  });

  it('calls changes to resources that did not drift pending, not drift', () => {
    const result = classifyStack(withDrift([]), plan([rc('aws_cloudwatch_log_group.g', ['update']), rc('aws_vpc_endpoint.e', ['create'])]));
    expect(result).toEqual({
      status: 'pending-changes',
      drifted: [],
      pending: [
        { address: 'aws_cloudwatch_log_group.g', action: 'update' },
        { address: 'aws_vpc_endpoint.e', action: 'create' },
      ],
    });
  });

  it('masks sensitive values in drifted attributes', () => {
    const drift = rc('aws_ssm_parameter.p', ['update'], { before: { value: 'old-secret' }, after: { value: 'new-secret' }, before_sensitive: { value: true }, after_sensitive: { value: true } });
    const revert = rc('aws_ssm_parameter.p', ['update'], { before: { value: 'new-secret' }, after: { value: 'old-secret' }, before_sensitive: { value: true }, after_sensitive: { value: true } });
    const result = classifyStack(withDrift([drift]), plan([revert]));
    expect(result.drifted[0].attributes).toEqual([{ path: 'value', before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
    expect(JSON.stringify(result)).not.toMatch(/secret/);
  });
});

describe('drift reports', () => {
  const results: StackDriftResult[] = [
    { stack: 'global', status: 'clean', durationMs: 1200, drifted: [], pending: [] },
    {
      stack: 'dev-us-east-1', status: 'drifted', durationMs: 30500, pending: [],
      drifted: [
        { address: 'aws_vpc.v', type: 'aws_vpc', action: 'update', attributes: [{ path: 'tags.Name', before: '"a"', after: '"b<c>"', sensitive: false }] },
        { address: 'aws_route.r', type: 'aws_route', action: 'delete', attributes: [] },
      ],
    },
    { stack: 'prod-us-east-1', status: 'error', durationMs: 5000, drifted: [], pending: [], error: 'terraform init failed: Error: Error acquiring the state lock' },
    { stack: 'staging-us-west-2', status: 'pending-changes', durationMs: 9000, drifted: [], pending: [{ address: 'aws_vpc_endpoint.e', action: 'create' }] },
  ];
  const report = buildDriftReport(results, new Date('2026-11-22T02:00:00Z'));

  it('exits 1 on any error, else 2 on any drift, else 0', () => {
    expect(driftExitCode(report)).toBe(1);
    expect(driftExitCode(buildDriftReport(results.filter((r) => r.status !== 'error')))).toBe(2);
    expect(driftExitCode(buildDriftReport(results.filter((r) => r.status === 'clean' || r.status === 'pending-changes')))).toBe(0);
  });

  it('summarizes with schema version 1', () => {
    expect(report).toMatchObject({ schemaVersion: 1, generatedAt: '2026-11-22T02:00:00.000Z', summary: { clean: 1, drifted: 1, 'pending-changes': 1, error: 1 } });
  });

  it('renders one status line per stack, then details', () => {
    const md = renderDriftMarkdown(report);
    expect(md.split('\n').slice(0, 7)).toEqual([
      '## Drift check 2026-11-22T02:00:00.000Z: 1 drifted, 1 errors, 1 with pending changes, 1 clean',
      '2 resource(s) drifted, 1 configuration change(s) pending',
      '',
      '- ✅ `global` clean (1.2s)',
      '- ⚠️ `dev-us-east-1` drifted: 2 resources changed outside Terraform (30.5s)',
      '- ❌ `prod-us-east-1` error: terraform init failed: Error: Error acquiring the state lock (5.0s)',
      '- 🕓 `staging-us-west-2` pending changes: 1 not applied (9.0s)',
    ]);
    expect(md).toContain('- `aws_vpc.v` changed outside Terraform:\n  - `tags.Name`: `"a"` → `"b<c>"`');
    expect(md).toContain('- `aws_route.r` deleted outside Terraform');
    expect(md).toContain('- `aws_vpc_endpoint.e`: create pending (configuration not applied yet)');
  });

  it('renders JUnit with a test case per stack: drift fails, errors error, XML escaped', () => {
    const xml = renderDriftJunit(report);
    expect(xml).toContain('<testsuites name="drift-check" tests="4" failures="1" errors="1" time="45.700">');
    expect(xml).toContain('<testcase classname="drift-check" name="global" time="1.200"/>');
    expect(xml).toContain('<failure type="drift" message="2 resources changed outside Terraform">aws_vpc.v: tags.Name\naws_route.r: deleted</failure>');
    expect(xml).toContain('<error type="error" message="terraform init failed: Error: Error acquiring the state lock"/>');
    expect(xml).toContain('<system-out>aws_vpc_endpoint.e: create pending</system-out>');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(4);
  });
});

describe('drift gaps a reviewer would trip on', () => {
  const sg = (ingress: unknown[]) => ({ ingress, tags: { Name: 'x' }, tags_all: { Name: 'x' } });
  const rule = (cidr: string, port: number) => ({ cidr_blocks: [cidr], from_port: port, to_port: port, protocol: 'tcp', description: 'rule with a long enough description to push a value past eighty characters' });

  it('reports added and removed elements of a set attribute, whole, not cut at 80 characters', () => {
    const before = sg([rule('10.0.0.0/16', 443)]);
    const after = sg([rule('10.0.0.0/16', 443), rule('0.0.0.0/0', 22)]);
    const refresh = withDrift([rc('aws_security_group.s', ['update'], { before, after })]);
    const normal = plan([rc('aws_security_group.s', ['update'], { before: after, after: before })]);
    const [d] = classifyStack(refresh, normal).drifted;
    const ingress = d.attributes.find((a) => a.path === 'ingress')!;
    expect(ingress.added).toEqual([JSON.stringify(rule('0.0.0.0/0', 22))]);
    expect(ingress.removed).toEqual([]);
  });

  it('reports one tag once, as tags.<key>, whether the state shows it under tags or tags_all', () => {
    const refresh = withDrift([rc('aws_vpc.v', ['update'], { before: { tags: { a: '1' }, tags_all: { a: '1' } }, after: { tags: { a: '2' }, tags_all: { a: '2' } } })]);
    const normal = plan([rc('aws_vpc.v', ['update'], { before: { tags: { a: '2' }, tags_all: { a: '2' } }, after: { tags: { a: '1' }, tags_all: { a: '1' } } })]);
    expect(classifyStack(refresh, normal).drifted[0].attributes.map((a) => a.path)).toEqual(['tags.a']);
    const onlyAll = withDrift([rc('aws_vpc.v', ['update'], { before: { tags_all: { a: '1' } }, after: { tags_all: { a: '2' } } })]);
    const normalAll = plan([rc('aws_vpc.v', ['update'], { before: { tags_all: { a: '2' } }, after: { tags_all: { a: '1' } } })]);
    expect(classifyStack(onlyAll, normalAll).drifted[0].attributes.map((a) => a.path)).toEqual(['tags.a']);
  });

  it('keeps a pending configuration change on a drifted resource, with what the drift does not explain', () => {
    const refresh = withDrift([rc('aws_vpc.v', ['update'], { before: { tags: { a: '1' } }, after: { tags: { a: '2' } } })]);
    const normal = plan([rc('aws_vpc.v', ['update'], { before: { tags: { a: '2' }, enable_dns_hostnames: false }, after: { tags: { a: '1' }, enable_dns_hostnames: true } })]);
    const c = classifyStack(refresh, normal);
    expect(c.status).toBe('drifted');
    expect(c.drifted.map((d) => d.address)).toEqual(['aws_vpc.v']);
    expect(c.pending).toEqual([{ address: 'aws_vpc.v', action: 'update', attributes: ['enable_dns_hostnames'] }]);
    const report = buildDriftReport([{ stack: 's', status: c.status, durationMs: 1, drifted: c.drifted, pending: c.pending }], new Date(0));
    expect(report.resources).toEqual({ drifted: 1, pending: 1 });
    expect(renderDriftMarkdown(report)).toContain('- `aws_vpc.v`: update pending (configuration not applied yet): `enable_dns_hostnames`');
  });
});

describe('a resource deleted by hand', () => {
  it('is drift, and the plan that recreates it is not a pending change', () => {
    const refresh = withDrift([rc('aws_route.r', ['delete'], { before: { destination_cidr_block: '0.0.0.0/0' }, after: null })]);
    const normal = plan([rc('aws_route.r', ['create'], { before: null, after: { destination_cidr_block: '0.0.0.0/0' } })]);
    const c = classifyStack(refresh, normal);
    expect(c.drifted.map((d) => [d.address, d.action])).toEqual([['aws_route.r', 'delete']]);
    expect(c.pending).toEqual([]);
  });
});

describe('the lock error', () => {
  it('says who holds the lock, since when and for what', () => {
    const stderr = [
      '╷', '│ Error: Error acquiring the state lock', '│', '│ Error message: operation error DynamoDB: PutItem, ConditionalCheckFailedException', '│ Lock Info:',
      '│   ID:        2f0c6f4e-1b3a-4c2d-9e8f-000000000001', '│   Path:      kore-tfstate/kore/dev-us-east-1.tfstate', '│   Operation: OperationTypeApply',
      '│   Who:       runner@ci-7', '│   Version:   1.11.4', '│   Created:   2026-11-22 02:00:01.123 +0000 UTC', '│   Info:', '╵',
    ].join('\n');
    expect(firstError(stderr)).toBe('Error: Error acquiring the state lock (held by runner@ci-7, since 2026-11-22 02:00:01.123 +0000 UTC, for OperationTypeApply, lock ID 2f0c6f4e-1b3a-4c2d-9e8f-000000000001)');
  });
});

describe('runDriftChecks: one plan per stack', () => {
  const { mkdtempSync, mkdirSync, writeFileSync, existsSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const { join } = require('node:path');
  const { runDriftChecks } = require('../../cli/drift/run-drift');

  it('runs init, one plan and its show (no refresh-only plan), classifies drift and pending from that one JSON, and removes the plan file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'drift-one-'));
    mkdirSync(join(out, 'stacks', 's'), { recursive: true });
    writeFileSync(join(out, 'stacks', 's', 'cdk.tf.json'), '{}');
    const drift = rc('aws_vpc.v', ['update'], { before: { tags: { Name: 'a' } }, after: { tags: { Name: 'b' } } });
    const revert = rc('aws_vpc.v', ['update'], { before: { tags: { Name: 'b' } }, after: { tags: { Name: 'a' } } });
    const added = rc('aws_s3_bucket.new', ['create'], { before: null, after: { bucket: 'x' } });
    const json = JSON.stringify({ ...plan([revert, added]), resource_drift: [drift] });
    const calls: string[][] = [];
    const runner = {
      async run(args: string[], o: { cwd: string }) {
        calls.push(args);
        if (args[0] === 'plan') writeFileSync(join(o.cwd, 'drift-plan.tfplan'), 'secret');
        return { code: 0, stdout: args[0] === 'show' ? json : '', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const [r] = await runDriftChecks({ outdir: out, stacks: ['s'], runner, timeoutMs: 60_000, lockTimeout: '60s' });
    expect(calls.map((c) => c.filter((a) => !a.startsWith('-lock')).join(' '))).toEqual(['init -input=false', 'plan -input=false -out=drift-plan.tfplan', 'show -json drift-plan.tfplan']);
    expect(calls.some((c) => c.includes('-refresh-only'))).toBe(false);
    expect(r.status).toBe('drifted');
    expect(r.drifted.map((d: any) => [d.address, d.attributes.map((a: any) => a.path)])).toEqual([['aws_vpc.v', ['tags.Name']]]);
    expect(r.pending).toEqual([{ address: 'aws_s3_bucket.new', action: 'create' }]);
    expect(existsSync(join(out, 'stacks', 's', 'drift-plan.tfplan'))).toBe(false);
  });
});
