import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapLimit } from '../../cli/concurrency';
import { describeIntegration, Sandbox } from '../support/integration';
import { CanaryHealth, managedCount, STAGING_CHANGE, writeFleet } from '../support/rollout-fleet';

/*
 * The rollout's later life on the emulator, with real `terraform apply`: from a deployed four-region fleet, a canary
 * that degrades on its change is rolled back to the last deployed configuration, and a region removed from the
 * catalogue is retired in two steps, destroyed only after approval and its state archived. The fleet is deployed
 * here directly (the waves themselves are rollout.test.ts's subject), so the two suites run in separate lanes.
 */
describeIntegration('rollout lifecycle on the emulator', () => {
  const sandbox = new Sandbox();
  const health = new CanaryHealth();
  let url: string;
  /** The deployed configuration: the fleet with the staging change, as rollout.test.ts leaves it. */
  let deployed: ReturnType<typeof writeFleet>;
  const report = () => join(sandbox.dir, 'reports');
  const rollout = (args: string[]) => sandbox.command('rollout', args);
  const managed = (stack: string) => managedCount(sandbox, deployed.stacks[stack]);
  const fleet = (name: string, changes: Parameters<typeof writeFleet>[3], drop?: string) => writeFleet(sandbox, url, name, changes, drop);

  beforeAll(async () => {
    url = await health.start();
    await sandbox.start();
    deployed = fleet('head', { 'staging-usw2': STAGING_CHANGE });
    // The state store only: bootstrap itself is foundation.test.ts's subject, and a rollout never applies it.
    await sandbox.createStateStores(deployed.catalogue);
    // Every region at once (an apply mostly waits on the provider's waiters), then global, which reads them.
    const regions = Object.keys(deployed.stacks).filter((s) => s !== 'bootstrap' && s !== 'global');
    expect(regions).toHaveLength(4);
    await mapLimit(regions, 4, (s) => sandbox.apply(deployed.stacks[s]));
    await sandbox.apply(deployed.stacks.global);
  }, 1_200_000);
  afterAll(async () => {
    health.stop();
    await sandbox.stop();
  }, 60_000);

  it('rolls a degrading canary back to the last deployed configuration: the old configuration then plans empty', async () => {
    // The next change touches the canary only; the canary answers 503 once after it, then is healthy again.
    health.healthy = true;
    health.failNext = 1;
    const next = fleet('canary-change', { 'staging-usw2': STAGING_CHANGE, 'prod-use2': { network: { cidr: '10.93.0.0/16', zoneCount: 2, natGateways: 'single', flowLogRetentionDays: 30 } } });
    const r = await rollout(['run', '--regions', next.file, '--cdktf-out', next.out, '--base-out', deployed.out, '--bake', '0s', '--interval', '1s', '--report-dir', report()]);
    expect({ code: r.code, last: r.stderr.trim().split('\n').at(-1) }).toEqual({ code: 2, last: expect.stringMatching(/^rollout: stopped — the health gate of wave 2 failed \(prod-use2 ping: answered 503/) });
    const run = JSON.parse(readFileSync(join(report(), 'rollout-run.json'), 'utf8'));
    expect(run.waves[2].outcome).toMatch(/; rolled back to the last deployed configuration, healthy again$/);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-wave-2.json'), 'utf8')).results).toEqual([expect.objectContaining({ stack: 'prod-us-east-2', outcome: 'applied' })]);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-rollback-2.json'), 'utf8'))).toMatchObject({ restored: true, results: [expect.objectContaining({ stack: 'prod-us-east-2', outcome: 'applied' })] });
    // The old configuration is what runs: planning it changes nothing; the new one would change the canary again.
    const head = deployed.stacks['prod-us-east-2'];
    await sandbox.initOnce(head);
    expect((await sandbox.tf(head, ['plan', '-input=false', '-detailed-exitcode'])).code).toBe(0);
    await sandbox.initOnce(next.stacks['prod-us-east-2']);
    expect((await sandbox.tf(next.stacks['prod-us-east-2'], ['plan', '-input=false', '-detailed-exitcode'])).code).toBe(2);
  }, 1_800_000);

  it('retires a region in two steps: refused outright while protected, then destroyed after approval, its state archived, the rest untouched', async () => {
    const removed = fleet('removed', { 'staging-usw2': STAGING_CHANGE }, 'prod-euw1');
    // Outright: the zone's prevent_destroy refuses it, in one line, before anything runs.
    const refused = await rollout(['plan', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', deployed.out, '--json']);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, expect.stringMatching(/^rollout: prod-eu-west-1: removed from the catalogue while 1 resource\(s\) refuse deletion \(aws_route53_zone\.\S+ \(prevent_destroy\)\); put the entry back with "decommission": true for one release, then remove it$/)]);
    // Step one: the entry marked, its protections lifted by a normal rollout.
    const marked = fleet('marked', { 'staging-usw2': STAGING_CHANGE, 'prod-euw1': { decommission: true } });
    const lift = await rollout(['run', '--regions', marked.file, '--cdktf-out', marked.out, '--base-out', deployed.out, '--bake', '0s', '--report-dir', report()]);
    expect([lift.code, lift.stderr.trim().split('\n').at(-1)]).toEqual([0, 'rollout: every wave applied']);
    const held = await managed('prod-eu-west-1');
    const others = { canary: await managed('prod-us-east-2'), global: await managed('global') };
    // Step two: removed; without approval the run only says what waits, with it the region goes.
    const waiting = await rollout(['run', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', marked.out, '--bake', '0s', '--report-dir', report()]);
    expect(waiting.code).toBe(0);
    expect(JSON.parse(readFileSync(join(report(), 'rollout-run.json'), 'utf8')).waves.at(-1)).toEqual({ wave: 'decommission', outcome: 'waiting for approval: prod-eu-west-1 (run again with --decommission)' });
    expect(await managed('prod-eu-west-1')).toBe(held);
    const r = await rollout(['run', '--regions', removed.file, '--cdktf-out', removed.out, '--base-out', marked.out, '--bake', '0s', '--decommission', '--report-dir', report()]);
    expect({ code: r.code, last: r.stderr.trim().split('\n').at(-1) }).toEqual({ code: 0, last: 'rollout: every wave applied' });
    const decommission = JSON.parse(readFileSync(join(report(), 'rollout-decommission.json'), 'utf8'));
    expect(decommission.results).toEqual([expect.objectContaining({ stack: 'prod-eu-west-1', outcome: 'destroyed', destroyed: held })]);
    expect(await managed('prod-eu-west-1')).toBe(0);
    // The archive is in the state bucket, beside the (now empty) live state, and holds what the region had.
    const [archive] = decommission.archived;
    expect(archive.archivedAs).toMatch(/^s3:.*prod-eu-west-1\.decommissioned-\d{8}T\d{6}Z\.tfstate$/);
    const backend = JSON.parse(readFileSync(join(marked.stacks['prod-eu-west-1'], 'cdk.tf.json'), 'utf8')).terraform.backend.s3;
    const probe = join(sandbox.dir, 'archive-probe');
    mkdirSync(probe, { recursive: true });
    writeFileSync(join(probe, 'main.tf.json'), JSON.stringify({ terraform: { backend: { s3: { ...backend, key: archive.archivedAs.slice(3) } } } }));
    await sandbox.tfOk(probe, ['init', '-input=false']);
    expect(JSON.parse((await sandbox.tfOk(probe, ['state', 'pull'])).stdout).resources.length).toBeGreaterThan(10);
    // The other regions and global: the same resources, and their plans are empty.
    expect({ canary: await managed('prod-us-east-2'), global: await managed('global') }).toEqual({ canary: others.canary, global: expect.any(Number) });
    for (const stack of ['prod-us-east-2', 'global']) {
      await sandbox.initOnce(removed.stacks[stack]);
      expect([stack, (await sandbox.tf(removed.stacks[stack], ['plan', '-input=false', '-detailed-exitcode'])).code]).toEqual([stack, 0]);
    }
  }, 2_400_000);
});
