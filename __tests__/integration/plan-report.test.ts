import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { planReportCommand } from '../../cli/plan/plan-report-command';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { realTerraform } from '../../cli/terraform';
import { describeIntegration, Sandbox } from '../support/integration';

const SECRET = 'plan-report-s3cret-Zq81';

/** Adds a SecureString parameter and a sensitive output to a synthesized stack: things a report must mask. */
function addSensitiveFixture(stackDir: string, value: string): void {
  const file = join(stackDir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.resource.aws_ssm_parameter = { fixture: { name: '/kore/test/db-password', type: 'SecureString', value } };
  json.output = { ...json.output, db_password: { value, sensitive: true } };
  writeFileSync(file, JSON.stringify(json, null, 2));
}

describeIntegration('plan report on real plans', () => {
  const sandbox = new Sandbox();

  beforeAll(async () => {
    await sandbox.start();
  }, 120_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('counts exactly what terraform plan prints and never shows a sensitive value', async () => {
    const endpoint = sandbox.moto.url;
    const baselineCatalogue = sandboxCatalogue({ endpoint, region: { network: { cidr: '10.99.0.0/16', zoneCount: 2, natGateways: 'single' } } });
    const baseline = sandbox.synth(baselineCatalogue, 'baseline');
    // The state store only: bootstrap itself is foundation.test.ts's subject, and the report here is of one region.
    await sandbox.createStateStores(baselineCatalogue);
    const stack = baseline['dev-us-east-1'];
    addSensitiveFixture(stack, SECRET);
    await sandbox.tfOk(stack, ['init', '-input=false']);
    await sandbox.tfOk(stack, ['apply', '-input=false', '-auto-approve']);

    // GIVEN a catalogue change that creates (STS endpoint), updates (flow log retention, the secret),
    // replaces (node group instance type) and destroys (NAT gateway, its EIP and routes)
    const changed = sandboxCatalogue({
      endpoint,
      region: {
        network: { cidr: '10.99.0.0/16', zoneCount: 2, natGateways: 'none', interfaceEndpoints: ['sts'], flowLogRetentionDays: 30 },
        cluster: { kubernetesVersion: '1.31', nodePools: { general: { instanceTypes: ['t3.large'], minSize: 1, desiredSize: 1, maxSize: 2 } } },
      },
    });
    const regionsFile = join(sandbox.dir, 'changed.yaml');
    writeFileSync(regionsFile, stringify(changed));
    const next = sandbox.synth(changed, 'changed');
    addSensitiveFixture(next['dev-us-east-1'], `${SECRET}-rotated`);

    const printed = await sandbox.tfOk(next['dev-us-east-1'], ['init', '-input=false']).then(() => sandbox.tfOk(next['dev-us-east-1'], ['plan', '-input=false']));
    const [, add, change, destroy] = printed.stdout.match(/Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/)!.map(Number);

    // WHEN the report is made from the same stacks
    const out = join(sandbox.dir, 'report');
    const logs: string[] = [];
    const code = await planReportCommand(
      { stacks: ['dev-us-east-1'], out, regions: regionsFile, cdktfOut: join(sandbox.dir, 'changed'), failOn: 'replace' },
      { runner: realTerraform, env: sandbox.env, log: (l) => logs.push(l) },
    );

    // THEN its counts are terraform's (a replacement is one add and one destroy in terraform's line)
    expect(code).toBe(3);
    const report = JSON.parse(readFileSync(join(out, 'plan-report.json'), 'utf8'));
    const [s] = report.stacks;
    expect(s.status).toBe('ok');
    expect(s.counts.add + s.counts.replace).toBe(add);
    expect(s.counts.change).toBe(change);
    expect(s.counts.destroy + s.counts.replace).toBe(destroy);
    for (const kind of ['add', 'change', 'replace', 'destroy']) expect(s.counts[kind]).toBeGreaterThan(0);

    const byAddress = Object.fromEntries(s.resources.map((r: any) => [r.address, r]));
    const nodeGroup = s.resources.find((r: any) => r.type === 'aws_eks_node_group');
    expect(nodeGroup).toMatchObject({ action: 'replace', replacePaths: ['instance_types'], critical: 'node pool: workloads are evicted' });
    expect(s.resources.filter((r: any) => r.type === 'aws_nat_gateway').map((r: any) => r.action)).toEqual(['destroy']);
    const logGroup = s.resources.find((r: any) => r.type === 'aws_cloudwatch_log_group');
    expect(logGroup.attributes).toEqual([{ path: 'retention_in_days', before: '90', after: '30', sensitive: false }]);
    expect(byAddress['aws_ssm_parameter.fixture'].attributes).toContainEqual({ path: 'value', before: '(sensitive)', after: '(sensitive)', sensitive: true });
    expect(s.resources.filter((r: any) => r.action === 'create').map((r: any) => r.type).sort()).toEqual(expect.arrayContaining(['aws_security_group', 'aws_vpc_endpoint']));

    const md = readFileSync(join(out, 'plan-report.md'), 'utf8');
    expect(md).toContain(`| 0 | \`dev-us-east-1\` | ${s.counts.add} | ${s.counts.change} | ${s.counts.replace} | ${s.counts.destroy} | ⚠ |`);
    expect(md).toMatch(/- \*\*replace\*\* `aws_eks_node_group\.[^`]+` \(dev-us-east-1\/Cluster\/general\/NodeGroup\) in `dev-us-east-1` — node pool: workloads are evicted — forced by `instance_types`/);
    for (const text of [md, readFileSync(join(out, 'plan-report.json'), 'utf8'), logs.join('\n')]) {
      expect(text).not.toContain(SECRET);
    }
    // No binary plan (sensitive values in clear text) is left in the stack directory.
    expect(readdirSync(next['dev-us-east-1']).filter((f) => f.endsWith('.tfplan'))).toEqual([]);

    // AND a stack that cannot be planned still gets its row, and the run exits 1 after writing the report
    const global = join(sandbox.dir, 'changed', 'stacks', 'global', 'cdk.tf.json');
    writeFileSync(global, readFileSync(global, 'utf8').split(endpoint).join('https://127.0.0.1:9'));
    const failedOut = join(sandbox.dir, 'report-failed');
    const failedCode = await planReportCommand(
      { stacks: ['dev-us-east-1', 'global'], out: failedOut, regions: regionsFile, cdktfOut: join(sandbox.dir, 'changed'), timeoutMs: 600_000 },
      { runner: realTerraform, env: sandbox.env, log: () => undefined },
    );
    expect(failedCode).toBe(1);
    const failed = JSON.parse(readFileSync(join(failedOut, 'plan-report.json'), 'utf8'));
    expect(failed.stacks.map((x: any) => [x.stack, x.status])).toEqual([['dev-us-east-1', 'ok'], ['global', 'error']]);
    expect(readFileSync(join(failedOut, 'plan-report.md'), 'utf8')).toMatch(/\| \d+ \| `global` \| 0 \| 0 \| 0 \| 0 \| ❌ no plan \(failed\) \|/);
  }, 1_500_000);
});
