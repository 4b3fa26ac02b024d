import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../support/run-command';

const FIXTURE = '__tests__/fixtures/guardrail-violations.yaml';

/** Runs a bin/ command in this process, as `npm run` would (support/run-command). */
const run = runCommand;

describe('npm run guardrails', () => {
  it('passes the default fleet (exit 0): no open finding, its defensible choices (four, and the deploy identity of each of the three accounts) suppressed with reasons', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kore-gr-'));
    const r = await run('guardrails', ['--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^guardrails: \d+ rules, 0 open error\(s\), 0 warning\(s\), 7 suppressed$/);
    const report = JSON.parse(readFileSync(join(out, 'guardrails.json'), 'utf8'));
    for (const f of report.findings) expect(f.suppressed.reason.split(' ').length).toBeGreaterThanOrEqual(8);
    expect(readFileSync(join(out, 'guardrails.md'), 'utf8')).toContain('**suppressed** (catalogue): The Asia replica database holds only');
  }, 120_000);

  it('finds exactly the planted violations (exit 2), and writes SARIF 2.1.0 for code scanning', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kore-gr-'));
    const r = await run('guardrails', ['--regions', FIXTURE, '--out', out]);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(out, 'guardrails.json'), 'utf8'));
    expect(report.findings.map((f: any) => `${f.level} ${f.rule} ${f.stack} ${f.path}`).sort()).toEqual([
      'error AWS-RDS-006 prod-ap-southeast-1 prod-ap-southeast-1/ArtifactoryBacking/Database',
      'error AWS-RDS-006 prod-us-east-1 prod-us-east-1/ArtifactoryBacking/Database',
      'error AZ-PG-004 prod-westeurope prod-westeurope/ArtifactoryBacking/Database',
      'error AZ-ST-006 bootstrap-azure bootstrap-azure/StateStore-koretfstateprodweu/Account',
      'error AZ-ST-006 prod-westeurope prod-westeurope/ArtifactoryBacking/Filestore',
      'warning KORE-UNUSED-SUPPRESSION global **',
    ]);

    const sarif = JSON.parse(readFileSync(join(out, 'guardrails.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const { driver } = sarif.runs[0].tool;
    const rds = driver.rules.find((x: any) => x.id === 'AWS-RDS-006');
    expect(rds).toMatchObject({ shortDescription: { text: expect.any(String) }, helpUri: expect.stringMatching(/^https:\/\//), help: { text: expect.any(String) } });
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'AWS-RDS-006' && x.properties.stack === 'prod-us-east-1');
    expect(result.level).toBe('error');
    expect(driver.rules[result.ruleIndex].id).toBe('AWS-RDS-006');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(FIXTURE);
    // The line of the entry that declares the stack, not line 1 of the file.
    const entryLine = readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l: string) => l.includes('- id: prod-use1')) + 1;
    expect(result.locations[0].physicalLocation.region.startLine).toBe(entryLine);
    const weu = sarif.runs[0].results.find((x: any) => x.ruleId === 'AZ-PG-004');
    expect(weu.locations[0].physicalLocation.region.startLine).toBe(readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l: string) => l.includes('- id: prod-weu')) + 1);
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('prod-us-east-1/ArtifactoryBacking/Database');
  }, 120_000);

  it('puts the justification of a suppressed finding into SARIF', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kore-gr-'));
    expect((await run('guardrails', ['--format', 'sarif', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'guardrails.md'))).toBe(false);
    const results = JSON.parse(readFileSync(join(out, 'guardrails.sarif'), 'utf8')).runs[0].results;
    const suppressed = results.find((x: any) => x.ruleId === 'AWS-RDS-006');
    expect(suppressed.suppressions).toEqual([{ kind: 'external', justification: expect.stringMatching(/^The Asia replica database/) }]);
    expect(suppressed.locations[0].physicalLocation.artifactLocation.uri).toBe('regions/entries/prod-ap-southeast-1.ts');
    const idLine = readFileSync('regions/entries/prod-ap-southeast-1.ts', 'utf8').split('\n').findIndex((l: string) => /^\s*id:/.test(l)) + 1;
    expect(idLine).toBeGreaterThan(1);
    expect(suppressed.locations[0].physicalLocation.region.startLine).toBe(idLine);
  }, 120_000);

  it.each([
    [['--format', 'html'], /^guardrails: --format html: not a format \(have: md, json, sarif\)$/],
    [['--regions', '/nonexistent.yaml'], /^guardrails: invalid catalogue \/nonexistent.yaml$/],
    [['--colour'], /^guardrails: Unknown option '--colour'/],
  ])('refuses %j in one line, exit 1', async (args, message) => {
    const r = await run('guardrails', args as string[]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('npm run synth with open guardrail errors', () => {
  it('exits 2, prints one line per finding, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-gr-'));
    const out = join(dir, 'out');
    const r = await run('synth', ['--regions', FIXTURE, '--out', out]);
    expect(r.code).toBe(2);
    // Not even the staging directory it was built in.
    expect(readdirSync(dir)).toEqual([]);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('synth: 5 guardrail errors (suppress one only with a reason: see docs/guardrails.md)');
    expect(lines.slice(1)).toContainEqual(expect.stringMatching(/^prod-us-east-1 aws_db_instance\.ArtifactoryBacking_Database_\w+ \(prod-us-east-1\/ArtifactoryBacking\/Database\): AWS-RDS-006 RDS instance without a Multi-AZ standby$/));
    expect(lines).toHaveLength(6);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
