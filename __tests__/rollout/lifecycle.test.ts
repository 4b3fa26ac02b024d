import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decommissionStacks } from '../../cli/rollout/decommission';
import { directoryRecordStore, githubRecordStore } from '../../cli/rollout/deploy-records';
import type { GateProbes } from '../../cli/rollout/health-gate';
import { retiredStacks } from '../../cli/rollout/retired-stacks';
import { rolloutRunCommand } from '../../cli/rollout/rollout-command';
import { synthCatalogue } from '../../cli/synth';
import type { TerraformRunner } from '../../cli/terraform';
import { parseCatalogue } from '../../regions/load';
import type { CatalogueInput } from '../../regions/schema';
import { catalogueCopy } from '../support/catalogue';
import { runCommand } from '../support/run-command';
import { byType } from '../support/synth';
import { defaultFleetOut } from '../support/default-fleet';

/*
 * The rollout's lifecycle at unit level: the two-step decommission (protections lifted, then the entry removed),
 * retired stacks in the plan and the PR summary, their destroy and archive, and the canary's automatic rollback.
 * The emulator suite proves the same with real applies.
 */

/** The catalogue without one region, and without every reference to it. */
function without(c: CatalogueInput, id: string): CatalogueInput {
  const copy = JSON.parse(JSON.stringify(c)) as any;
  copy.regions = copy.regions.filter((r: any) => r.id !== id);
  for (const [name, rep] of Object.entries<any>(copy.replication?.rules ?? {})) {
    rep.to = rep.to.filter((t: string) => t !== id);
    if (rep.to.length === 0) delete copy.replication.rules[name];
  }
  for (const g of Object.values<any>(copy.globalNames ?? {})) g.regions = g.regions.filter((t: string) => t !== id);
  if (copy.rollout?.healthChecks) delete copy.rollout.healthChecks[id];
  return copy;
}

const synth = (c: CatalogueInput) => synthCatalogue({ catalogue: parseCatalogue(c, 'test'), outdir: mkdtempSync(join(tmpdir(), 'kore-life-')), guardrails: false }).outdir;
const catalogueFile = (c: CatalogueInput) => {
  const file = join(mkdtempSync(join(tmpdir(), 'kore-life-cat-')), 'catalogue.json');
  writeFileSync(file, JSON.stringify(c));
  return file;
};
const stackJson = (out: string, stack: string) => JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

describe('decommissioning a region in two steps', () => {
  const full = catalogueCopy();
  const marked = catalogueCopy();
  for (const id of ['prod-apse1', 'prod-weu']) marked.regions.find((r) => r.id === id)!.decommission = true;
  const fullOut = defaultFleetOut('kore-life-');
  const markedOut = synth(marked);
  const headFile = catalogueFile(without(full, 'prod-apse1'));
  // The removed entry's output, synthesized once for the listing's five formats (`rollout plan` would synthesize it each time).
  const headOut = synth(without(full, 'prod-apse1'));

  it('decommission: true lifts the zone, database and filestore protections and keeps every resource', () => {
    const before = stackJson(fullOut, 'prod-ap-southeast-1');
    const after = stackJson(markedOut, 'prod-ap-southeast-1');
    expect(Object.keys(after.resource).sort()).toEqual(Object.keys(before.resource).sort());
    const [zoneBefore] = Object.values<any>(byType(before, 'aws_route53_zone'));
    const [zoneAfter] = Object.values<any>(byType(after, 'aws_route53_zone'));
    expect([zoneBefore.lifecycle.prevent_destroy, zoneBefore.force_destroy]).toEqual([true, undefined]);
    expect([zoneAfter.lifecycle.prevent_destroy, zoneAfter.force_destroy]).toEqual([false, true]);
    expect(Object.values<any>(byType(before, 'aws_db_instance')).map((d) => d.deletion_protection)).toEqual([true]);
    expect(Object.values<any>(byType(after, 'aws_db_instance')).map((d) => d.deletion_protection)).toEqual([false]);
    const azureBefore = stackJson(fullOut, 'prod-westeurope');
    const azureAfter = stackJson(markedOut, 'prod-westeurope');
    expect(Object.values<any>(byType(azureBefore, 'azurerm_management_lock')).map((l) => l.name)).toContain('delegated-zone');
    expect(Object.values<any>(byType(azureAfter, 'azurerm_management_lock')).map((l) => l.name)).not.toContain('delegated-zone');
    expect(Object.values<any>(byType(azureAfter, 'azurerm_storage_account')).every((a) => a.lifecycle?.prevent_destroy !== true)).toBe(true);
  });

  it('passes the guardrails while decommissioning (the lifted protections are suppressed with a reason), and only then', () => {
    expect(() => synthCatalogue({ catalogue: parseCatalogue(marked, 'test'), outdir: mkdtempSync(join(tmpdir(), 'kore-life-g-')) })).not.toThrow();
    const [zone] = Object.values<any>(byType(stackJson(markedOut, 'prod-ap-southeast-1'), 'aws_route53_zone'));
    expect(zone['//'].guardrails_suppressions['AWS-R53-003']).toMatch(/^Region prod-apse1 is being decommissioned/);
    const [kept] = Object.values<any>(byType(stackJson(fullOut, 'prod-ap-southeast-1'), 'aws_route53_zone'));
    expect(kept['//']?.guardrails_suppressions?.['AWS-R53-003']).toBeUndefined();
  });

  it('refuses removing a protected entry outright, in one line naming the stack and the two steps (exit 1)', async () => {
    const r = await runCommand('rollout', ['plan', '--regions', headFile, '--base-out', fullOut, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/^rollout: prod-ap-southeast-1: removed from the catalogue while \d+ resource\(s\) refuse deletion \(aws_db_instance\.\S+ \(prevent_destroy, deletion protection\), .*\); put the entry back with "decommission": true for one release, then remove it$/);
  });

  it('lists the retired stacks once decommissioned: platform first, with resource counts, in json, markdown, order and matrix', async () => {
    const retired = retiredStacks(markedOut, new Set(['prod-us-east-1', 'global']));
    expect(retired.map((s) => s.layer)).toEqual([...retired.filter((s) => s.layer === 'platform').map(() => 'platform'), ...retired.filter((s) => s.layer === 'infrastructure').map(() => 'infrastructure')]);
    const json = JSON.parse((await runCommand('rollout', ['plan', '--regions', headFile, '--cdktf-out', headOut, '--base-out', markedOut, '--json'])).stdout);
    expect(json.retired.map((s: any) => [s.stack, s.layer, s.cloud, s.account])).toEqual([
      ['prod-ap-southeast-1-platform', 'platform', 'aws', '333333333333'],
      ['prod-ap-southeast-1', 'infrastructure', 'aws', '333333333333'],
    ]);
    expect(json.retired[1].resources).toBe(Object.values<any>(stackJson(markedOut, 'prod-ap-southeast-1').resource).reduce((n, byName) => n + Object.keys(byName).length, 0));
    const order = (await runCommand('rollout', ['plan', '--regions', headFile, '--cdktf-out', headOut, '--base-out', markedOut, '--order'])).stdout;
    expect(order).toContain('→ decommission: prod-ap-southeast-1-platform, prod-ap-southeast-1');
    expect(order).toContain('### ⚠ Stacks to decommission (2)');
    expect(order).toMatch(new RegExp(`- \\*\\*destroy\\*\\* \`prod-ap-southeast-1\` \\(infrastructure\\): ${json.retired[1].resources} resources`));
    const matrix = JSON.parse((await runCommand('rollout', ['plan', '--regions', headFile, '--cdktf-out', headOut, '--base-out', markedOut, '--matrix'])).stdout);
    expect(matrix.filter((r: any) => r.decommission).map((r: any) => r.stack)).toEqual(['prod-ap-southeast-1-platform', 'prod-ap-southeast-1']);
    const md = (await runCommand('rollout', ['plan', '--regions', headFile, '--cdktf-out', headOut, '--base-out', markedOut])).stdout;
    expect(md).toContain('## Decommission — needs approval (decommission)');
    const outputs = (await runCommand('rollout', ['plan', '--regions', headFile, '--cdktf-out', headOut, '--base-out', markedOut, '--github-outputs'])).stdout;
    const line = (k: string) => JSON.parse(outputs.split('\n').find((l) => l.startsWith(`${k}=`))!.slice(k.length + 1));
    expect(line('decommission_platform').map((r: any) => [r.stack, r.runsOn])).toEqual([['prod-ap-southeast-1-platform', ['self-hosted', 'kore-prod']]]);
    expect(line('decommission_infrastructure').map((r: any) => [r.stack, r.applyIdentity, r.region])).toEqual([['prod-ap-southeast-1', 'arn:aws:iam::333333333333:role/kore-ci-apply', 'ap-southeast-1']]);
  });

  it('destroys platform before infrastructure, confirms an empty state, archives the old state in the backend, ends the record', async () => {
    const calls: string[] = [];
    const lists = new Map<string, number>();
    const pushed: [string, string][] = [];
    const runner: TerraformRunner = {
      async run(args, { cwd }) {
        const where = cwd.includes('kore-archive-') ? 'archive' : cwd.split('/').pop()!;
        calls.push(`${where} ${args.filter((a) => !a.startsWith('-input') && !a.startsWith('-lock') && !a.startsWith('-out') && a !== '-detailed-exitcode').join(' ')}`);
        if (args[0] === 'state' && args[1] === 'list') {
          const n = (lists.get(where) ?? 0) + 1;
          lists.set(where, n);
          return { code: 0, stdout: n === 1 ? 'aws_vpc.a\naws_subnet.b\n' : '', stderr: '', timedOut: false, durationMs: 1 };
        }
        if (args[0] === 'state' && args[1] === 'pull') return { code: 0, stdout: '{"version":4,"resources":[1,2]}', stderr: '', timedOut: false, durationMs: 1 };
        if (args[0] === 'state' && args[1] === 'push') pushed.push([JSON.parse(readFileSync(join(cwd, 'main.tf.json'), 'utf8')).terraform.backend.s3.key, readFileSync(join(cwd, args[2]), 'utf8')]);
        return { code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const records = mkdtempSync(join(tmpdir(), 'kore-records-'));
    const store = directoryRecordStore(records);
    await store.write({ stack: 'prod-ap-southeast-1', commit: 'abc', digest: 'a'.repeat(64), appliedAt: '' });
    const retired = retiredStacks(markedOut, new Set()).filter((s) => s.stack.startsWith('prod-ap-southeast-1'));
    const results = await decommissionStacks(retired, { lastDeployedOut: markedOut, runner, now: new Date('2026-12-04T12:00:00Z'), onDestroyed: (s) => store.retire(s) });
    expect(results.map((r) => [r.stack, r.outcome, r.destroyed])).toEqual([['prod-ap-southeast-1-platform', 'destroyed', 2], ['prod-ap-southeast-1', 'destroyed', 2]]);
    expect(results[1].archivedAs).toBe('s3:kore/prod-ap-southeast-1.decommissioned-20261204T120000Z.tfstate');
    expect(calls.filter((c) => c.startsWith('prod-ap-southeast-1 '))).toEqual(['prod-ap-southeast-1 init', 'prod-ap-southeast-1 state pull', 'prod-ap-southeast-1 state list', 'prod-ap-southeast-1 plan -destroy', 'prod-ap-southeast-1 apply decommission.tfplan', 'prod-ap-southeast-1 state list']);
    expect(calls.indexOf('prod-ap-southeast-1-platform apply decommission.tfplan')).toBeLessThan(calls.indexOf('prod-ap-southeast-1 init'));
    // The state as it was before the destroy, beside the live key (which stays, empty).
    expect(pushed).toEqual(['prod-ap-southeast-1-platform', 'prod-ap-southeast-1'].map((s) => [`kore/${s}.decommissioned-20261204T120000Z.tfstate`, '{"version":4,"resources":[1,2]}']));
    expect(existsSync(join(records, 'prod-ap-southeast-1.json'))).toBe(false);
    expect(existsSync(join(records, 'retired', 'prod-ap-southeast-1.json'))).toBe(true);
    expect(await store.list()).toEqual([]);
  });

  it('keeps the state and stops when resources are left after the destroy: the infrastructure stack is not touched', async () => {
    const runner: TerraformRunner = {
      async run(args) {
        return { code: args[0] === 'plan' ? 2 : 0, stdout: args[1] === 'list' ? 'aws_route53_zone.z\n' : '{}', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const retired = retiredStacks(markedOut, new Set()).filter((s) => s.stack.startsWith('prod-ap-southeast-1'));
    const results = await decommissionStacks(retired, { lastDeployedOut: markedOut, runner });
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['failed', '1 resources still in state after the destroy; the state is kept as it is'],
      ['skipped', 'not destroyed: prod-ap-southeast-1-platform failed first'],
    ]);
  });
});

describe('automatic canary rollback in rollout run', () => {
  const head = catalogueCopy();
  head.regions.find((r) => r.id === 'prod-use1')!.network.flowLogRetentionDays = 30;
  const baseOut = defaultFleetOut('kore-life-');
  const headOut = synth(head);
  const probes = (statuses: number[]): GateProbes => ({ httpStatus: async () => statuses.shift() ?? 200, route53Statuses: async () => ['Success'], groupInstances: async () => [1, 2, 3].map(() => ({ health: 'Healthy', lifecycle: 'InService' })), scaleSetInstances: async () => [], sleep: async () => {}, now: () => 0 });

  it('re-applies the canary from the last deployed output, platform first, holds the gate again, reports both (exit 2)', async () => {
    const applied: string[] = [];
    const runner: TerraformRunner = {
      async run(args, { cwd }) {
        if (args[0] === 'apply') applied.push(`${cwd.includes(baseOut) ? 'base' : 'head'}:${cwd.split('/').pop()}`);
        return { code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const reportDir = mkdtempSync(join(tmpdir(), 'kore-rb-'));
    const file = catalogueFile(head);
    const code = await rolloutRunCommand({ regions: file, cdktfOut: headOut, baseOut, bake: '0s', reportDir }, { runner, probes: probes([503]), out: () => {}, log: () => {} });
    expect(code).toBe(2);
    expect(applied).toEqual(['head:prod-us-east-1', 'base:prod-us-east-1-platform', 'base:prod-us-east-1']);
    const run = JSON.parse(readFileSync(join(reportDir, 'rollout-run.json'), 'utf8'));
    expect(run.waves[2].outcome).toMatch(/^applied; the health gate of wave 2 failed \(prod-use1 artifactory-ping: answered 503 \(expected 200\)\); rolled back to the last deployed configuration, healthy again$/);
    const rollback = JSON.parse(readFileSync(join(reportDir, 'rollout-rollback-2.json'), 'utf8'));
    expect(rollback).toMatchObject({ kind: 'rollback', restored: true, gate: { passed: true } });
    expect(readFileSync(join(reportDir, 'rollout-rollback-2.md'), 'utf8')).toContain('# Rollback of wave 2');
    expect(readFileSync(join(reportDir, 'rollout-rollback-2.xml'), 'utf8')).toMatch(/<testsuite name="Rollback of wave 2" tests="2" failures="0"/);
    expect(JSON.parse(readFileSync(join(reportDir, 'rollout-wave-2.json'), 'utf8')).results.map((r: any) => r.outcome)).toEqual(['applied', 'unchanged']);
  });

  it('says when the rollback did not restore the canary, and never rolls back a later wave on its own', async () => {
    const runner: TerraformRunner = { run: async (args) => ({ code: args[0] === 'plan' ? 2 : 0, stdout: '', stderr: '', timedOut: false, durationMs: 1 }) };
    const reportDir = mkdtempSync(join(tmpdir(), 'kore-rb-'));
    const code = await rolloutRunCommand({ regions: catalogueFile(head), cdktfOut: headOut, baseOut, bake: '0s', reportDir }, { runner, probes: probes([503, 503]), out: () => {}, log: () => {} });
    expect(code).toBe(2);
    expect(JSON.parse(readFileSync(join(reportDir, 'rollout-run.json'), 'utf8')).waves[2].outcome).toMatch(/; rollback did NOT restore it$/);
    const r = await runCommand('rollout', ['rollback', '--wave', '9', '--regions', catalogueFile(head), '--cdktf-out', headOut, '--base-out', baseOut, '--report-dir', reportDir]);
    expect([r.code, r.stderr.trim()]).toEqual([1, 'rollout: --wave 9: no such wave (have: 0, 1, 2, 3, 4)']);
    const none = await runCommand('rollout', ['rollback', '--regions', catalogueFile(head), '--cdktf-out', headOut, '--report-dir', reportDir]);
    expect([none.code, none.stderr.trim()]).toEqual([1, 'rollout: rollback: the last deployed configuration is unknown (give --last-deployed-out, or --base-out)']);
  });
});

describe('deploy records of retired stacks on GitHub', () => {
  it('a retired stack (newest status inactive) has no record, even with an older successful one', async () => {
    const fetch = async (url: string) => {
      const body = url.includes('/statuses') ? (url.includes('/deployments/2/') ? [{ state: 'inactive' }] : [{ state: 'success' }]) : [{ id: 2, sha: 'new', payload: { digest: 'b'.repeat(64) } }, { id: 1, sha: 'old', payload: { digest: 'a'.repeat(64) } }];
      return { ok: true, status: 200, json: async () => body, text: async () => '' };
    };
    const store = githubRecordStore({ repository: 'o/r', token: 't', fetch });
    expect((await store.read(['prod-x'])).size).toBe(0);
  });
});
