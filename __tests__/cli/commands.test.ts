import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { catalogueCopy } from '../support/catalogue';
import { runCommand } from '../support/run-command';

/** Runs a bin/ command in this process, as `npm run` would run it (support/run-command). */
const run = runCommand;

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('validate command', () => {
  it('accepts the default catalogue', async () => {
    const r = await run('validate', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid: 5 regions \(dev-use1, staging-usw2, prod-use1, prod-weu, prod-apse1\)/);
  });

  it('lists every problem of a bad file, exit 1, no stack trace', async () => {
    const r = await run('validate', ['--regions', '__tests__/fixtures/bad-catalogue.yaml']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('validate: invalid catalogue __tests__/fixtures/bad-catalogue.yaml');
    expect(lines).toHaveLength(13);
    for (const line of lines.slice(1)) expect(line).toMatch(/^__tests__\/fixtures\/bad-catalogue\.yaml:\d+:\d+: [a-z0-9-]+( \(entry \d+\))?(\.[A-Za-z0-9-]+)+: \S/);
    noStackTrace(r.stderr);
  });

  it('rejects an unknown flag in one line', async () => {
    const r = await run('validate', ['--region', 'x.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^validate: Unknown option '--region'.*\(see --help\)$/);
  });

  it('checks a JSON catalogue with the same schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-validate-'));
    const file = join(dir, 'regions.json');
    const c = catalogueCopy();
    (c.regions[0] as any).wave = -1;
    writeFileSync(file, JSON.stringify(c));
    const r = await run('validate', ['--regions', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/regions\.json:\d+:\d+: dev-use1\.wave: must be at least 0 \(got -1\)/);
  });
});

describe('synth command', () => {
  it('writes every stack of a YAML catalogue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-synth-'));
    const file = join(dir, 'regions.yaml');
    writeFileSync(file, stringify(catalogueCopy()));
    const out = join(dir, 'out');
    const r = await run('synth', ['--regions', file, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const regions = ['dev-us-east-1', 'prod-ap-southeast-1', 'prod-us-east-1', 'prod-westeurope', 'staging-us-west-2'];
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['bootstrap', 'bootstrap-azure', ...regions.flatMap((r) => [r, `${r}-platform`]), 'global'].sort());
  });

  it('keeps the bootstrap state outside the output, and Terraform caches and local state across re-synths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-synth-'));
    const out = join(dir, 'cdktf.out');
    expect((await run('synth', ['--out', out])).code).toBe(0);
    const bootstrapDir = join(out, 'stacks', 'bootstrap');
    const backend = JSON.parse(readFileSync(join(bootstrapDir, 'cdk.tf.json'), 'utf8')).terraform.backend.local;
    // What terraform would write when run in the stack directory: a state next to the output, not inside it.
    const statePath = resolve(bootstrapDir, backend.path);
    expect(statePath).toBe(join(dir, 'terraform.bootstrap.tfstate'));
    writeFileSync(statePath, '{"version":4,"serial":7}');
    mkdirSync(join(out, 'stacks', 'dev-us-east-1', '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'dev-us-east-1', '.terraform', 'providers', 'marker'), 'cached provider');
    writeFileSync(join(out, 'stacks', 'dev-us-east-1', '.terraform.lock.hcl'), '# lock');
    writeFileSync(join(bootstrapDir, 'bootstrap.tfstate'), '{"version":4,"serial":3}'); // where older versions kept it

    expect((await run('synth', ['--out', out])).code).toBe(0);
    expect((await run('synth', ['--out', out])).code).toBe(0);
    expect(readFileSync(statePath, 'utf8')).toBe('{"version":4,"serial":7}');
    expect(readFileSync(join(bootstrapDir, 'bootstrap.tfstate'), 'utf8')).toBe('{"version":4,"serial":3}');
    expect(readFileSync(join(out, 'stacks', 'dev-us-east-1', '.terraform', 'providers', 'marker'), 'utf8')).toBe('cached provider');
    expect(readFileSync(join(out, 'stacks', 'dev-us-east-1', '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
    expect(existsSync(join(out, 'stacks', 'dev-us-east-1', 'cdk.tf.json'))).toBe(true);
  });

  it('writes nothing for an invalid catalogue and keeps the previous output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-synth-'));
    const out = join(dir, 'out');
    expect((await run('synth', ['--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'stacks', 'global', 'cdk.tf.json'), 'utf8');

    const r = await run('synth', ['--regions', '__tests__/fixtures/bad-catalogue.yaml', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('synth: invalid catalogue __tests__/fixtures/bad-catalogue.yaml');
    noStackTrace(r.stderr);
    expect(readFileSync(join(out, 'stacks', 'global', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);

    const fresh = join(dir, 'never');
    expect((await run('synth', ['--regions', '__tests__/fixtures/bad-catalogue.yaml', '--out', fresh])).code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('stacks command', () => {
  it('lists every stack with layer, dependencies, runner and credentials as JSON, in (wave, layer) order', async () => {
    const r = await run('stacks', ['--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    // a region's infrastructure before its platform; global delegates to the regions' sub-zones, so it comes last
    expect(rows.map((x: { stack: string }) => x.stack)).toEqual([
      'dev-us-east-1', 'dev-us-east-1-platform', 'staging-us-west-2', 'staging-us-west-2-platform', 'prod-us-east-1', 'prod-us-east-1-platform',
      'prod-ap-southeast-1', 'prod-westeurope', 'prod-ap-southeast-1-platform', 'prod-westeurope-platform', 'global',
    ]);
    expect(rows.at(-1)).toMatchObject({ stack: 'global', layer: 'global', wave: 4, dependsOn: ['dev-us-east-1', 'staging-us-west-2', 'prod-us-east-1', 'prod-westeurope', 'prod-ap-southeast-1'] });
    const byName = Object.fromEntries(rows.map((x: { stack: string }) => [x.stack, x]));
    expect(byName['prod-westeurope']).toEqual({
      // An Azure stack's state account admits only the self-hosted runners' egress: it runs there, not on hosted runners.
      stack: 'prod-westeurope', layer: 'infrastructure', cloud: 'azure', region: 'westeurope', environment: 'prod', wave: 3, dependsOn: [], runsOn: ['self-hosted', 'kore-prod'],
      credentials: { cloud: 'azure', subscriptionId: '4b1f2c3d-0000-4000-8000-000000000001', tenantId: '7e2a9c10-0000-4000-8000-0000000000aa', planClientId: '5d1c7a20-0000-4000-8000-0000000000c1', applyClientId: '5d1c7a20-0000-4000-8000-0000000000c2' },
      planIdentity: '5d1c7a20-0000-4000-8000-0000000000c1', applyIdentity: '5d1c7a20-0000-4000-8000-0000000000c2',
    });
    // In-cluster stacks run inside the network (private API servers), each account with its own role.
    expect(byName['staging-us-west-2-platform']).toMatchObject({ layer: 'platform', dependsOn: ['staging-us-west-2'], runsOn: ['self-hosted', 'kore-staging'], planIdentity: 'arn:aws:iam::222222222222:role/kore-ci-plan' });
    expect(byName['dev-us-east-1']).toMatchObject({ runsOn: 'ubuntu-latest', planIdentity: 'arn:aws:iam::111111111111:role/kore-ci-plan', applyIdentity: 'arn:aws:iam::111111111111:role/kore-ci-apply' });
  });

  it('narrows the listing by stack pattern and layer, and names a bad layer', async () => {
    const r = await run('stacks', ['--json', '--stacks', 'prod-*', '--layer', 'platform']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { stack: string }) => x.stack)).toEqual(['prod-us-east-1-platform', 'prod-ap-southeast-1-platform', 'prod-westeurope-platform']);
    const bad = await run('stacks', ['--layer', 'network']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('stacks: --layer network: not a layer (have: infrastructure, platform, global, bootstrap)\n');
  });
});

describe('plan-report command', () => {
  it.each([
    [['--fail-on', 'delete'], 'plan-report: --fail-on must be destroy or replace (got "delete")'],
    [['--concurrency', '0'], 'plan-report: --concurrency must be a whole number from 1 to 16 (got "0")'],
    [['--plan-json', '/nonexistent/p.json'], 'plan-report: --plan-json /nonexistent/p.json: cannot read the file (ENOENT)'],
    [['--stacks', 'prod-mars-1', '--cdktf-out', '/nonexistent'], /^plan-report: --stacks prod-mars-1: matches no stack \(have: dev-us-east-1, /],
    [['--bogus'], /^plan-report: Unknown option '--bogus'/],
  ])('%j fails in one line with exit 1', async (args, message) => {
    const r = await run('plan-report', args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});

describe('drift-check command', () => {
  it.each([
    [['--concurrency', 'two'], 'drift-check: --concurrency must be a whole number from 1 to 16 (got "two")'],
    [['--timeout', '5'], 'drift-check: --timeout must be a whole number from 10 to 86400 (got "5")'],
    [['--lock-timeout=-1'], /^drift-check: --lock-timeout must be a whole number from 0 to 3600/],
    [['--stacks', 'nope-*', '--cdktf-out', '/nonexistent'], /^drift-check: --stacks nope-\*: matches no stack/],
    [['--regions', '__tests__/fixtures/bad-catalogue.yaml'], /^drift-check: invalid catalogue __tests__\/fixtures\/bad-catalogue.yaml$/m],
  ])('%j fails with a clear message and exit 1', async (args, message) => {
    const r = await run('drift-check', args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    noStackTrace(r.stderr);
  });

  it('documents its exit codes in --help', async () => {
    const r = await run('drift-check', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 1 if any stack or the unmanaged scan errored, else 2 if any drifted or anything is unmanaged, else 0.');
  });
});

describe('rollout command', () => {
  it.each(['--help', 'plan --help', 'apply --wave 1 -h'])('prints its help for "rollout %s", exit 0, and runs nothing', async (line) => {
    const r = await run('rollout', line.split(' '));
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^usage: npm run rollout -- <plan\|apply\|gate\|run\|rollback\|workflow> \[options\]\n/);
  });
});
