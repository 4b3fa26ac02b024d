import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { withRulesTable } from '../../cli/guardrails/rules-doc';
import { coversInternet, exposesInternet, publicAddressesAdmitted, PUBLIC_ADDRESSES } from '../../lib/guardrails/exposure';
import { evaluateGuardrails, findingLine, UNUSED_SUPPRESSION } from '../../lib/guardrails/evaluate';
import { GUARDRAIL_PACK } from '../../lib/guardrails/pack';
import { suppressGuardrails } from '../../lib/guardrails/suppress';

const REASON = 'The emulator cannot evaluate this condition, so the sandbox bucket goes without it on purpose.';

/** A stack with one bare bucket, synthesized as `npm run synth` does (construct paths, aspects). */
function stackWithBucket(suppress?: (bucket: S3Bucket) => void): any {
  const outdir = mkdtempSync(join(tmpdir(), 'kore-guardrails-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'demo');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new S3Bucket(stack, 'Bucket', { bucket: 'b', lifecycle: { preventDestroy: true } });
  suppress?.(bucket);
  app.synth();
  return JSON.parse(readFileSync(join(outdir, 'stacks', 'demo', 'cdk.tf.json'), 'utf8'));
}

describe('exposure as a set computation', () => {
  it.each([
    [['0.0.0.0/0'], true, true],
    [['0.0.0.0/1', '128.0.0.0/1'], true, true],
    [['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'], true, true],
    [['40.0.0.0/7'], false, true],
    [['203.0.113.0/24', '198.51.100.7/32'], false, false],
    // private ranges are not the internet, however large
    [['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], false, false],
    [['*'], true, true],
    // IPv6: the whole internet, its two halves, a wide range, a site, and what is not the internet
    [['::/0'], true, true],
    [['::/1', '8000::/1'], true, true],
    [['2000::/3'], true, true],
    [['2600::/12'], false, true],
    [['2001:db8::/32', 'fd00::/8', 'fe80::/10'], false, false],
    [['2a00:1450:4001::/48'], false, false],
    [['10.0.0.0/8', '::/0'], true, true],
    [['Internet'], true, true],
    [['Any'], true, true],
  ])('%j: whole internet %s, exposed %s', (cidrs, whole, exposed) => {
    expect(coversInternet(cidrs)).toBe(whole);
    expect(exposesInternet(cidrs)).toBe(exposed);
  });

  it('counts public addresses once however the ranges overlap', () => {
    expect(publicAddressesAdmitted(['8.8.8.0/24', '8.8.8.0/25', '8.8.8.128/25'])).toBe(256);
    expect(publicAddressesAdmitted(['0.0.0.0/0'])).toBe(PUBLIC_ADDRESSES);
  });
});

describe('evaluating the pack', () => {
  it('reports an open error with stack, address, construct path, rule and message', () => {
    const ev = evaluateGuardrails({ demo: stackWithBucket() }, GUARDRAIL_PACK);
    const lines = ev.errors.map(findingLine);
    expect(lines).toContain('demo aws_s3_bucket.Bucket (demo/Bucket): AWS-S3-001 S3 bucket without a public access block that blocks all four kinds of public access');
    expect(ev.errors.map((f) => f.rule).sort()).toEqual(['AWS-S3-001', 'AWS-S3-002', 'AWS-S3-003', 'AWS-S3-004']);
  });

  it('honours a suppression made in code, with its reason, and reports it as suppressed', () => {
    const json = stackWithBucket((b) => suppressGuardrails(b, [{ rule: 'AWS-S3-004', reason: REASON }]));
    expect(json.resource.aws_s3_bucket.Bucket['//'].guardrails_suppressions).toEqual({ 'AWS-S3-004': REASON });
    const ev = evaluateGuardrails({ demo: json }, GUARDRAIL_PACK);
    expect(ev.errors.map((f) => f.rule)).not.toContain('AWS-S3-004');
    expect(ev.findings.find((f) => f.rule === 'AWS-S3-004')?.suppressed).toEqual({ reason: REASON, source: 'code' });
  });

  it('honours a catalogue suppression matched by stack and construct path globs', () => {
    const ev = evaluateGuardrails({ demo: stackWithBucket() }, GUARDRAIL_PACK, [{ rule: 'AWS-S3-003', stacks: ['de*'], paths: ['demo/**'], reason: REASON }]);
    expect(ev.findings.find((f) => f.rule === 'AWS-S3-003')?.suppressed).toEqual({ reason: REASON, source: 'catalogue' });
    const miss = evaluateGuardrails({ demo: stackWithBucket() }, GUARDRAIL_PACK, [{ rule: 'AWS-S3-003', paths: ['other/**'], reason: REASON }]);
    expect(miss.errors.map((f) => f.rule)).toContain('AWS-S3-003');
  });

  it('reports a suppression that suppresses nothing, in code or in the catalogue', () => {
    const json = stackWithBucket((b) => suppressGuardrails(b, [{ rule: 'AWS-KMS-001', reason: REASON }]));
    const ev = evaluateGuardrails({ demo: json }, GUARDRAIL_PACK, [{ rule: 'AZ-ST-006', stacks: ['nowhere'], reason: REASON }]);
    const unused = ev.findings.filter((f) => f.rule === UNUSED_SUPPRESSION);
    expect(unused.map((f) => [f.level, f.message])).toEqual([
      ['warning', `suppression of AWS-KMS-001 suppresses nothing ("${REASON}")`],
      ['warning', `catalogue suppression 1 of AZ-ST-006 suppresses nothing ("${REASON}")`],
    ]);
  });

  it('refuses a suppression without a sentence of reason', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app as App, 'demo');
    expect(() => suppressGuardrails(stack, [{ rule: 'AWS-S3-004', reason: 'emulator' }])).toThrow('suppressGuardrails AWS-S3-004: a suppression needs a reason of at least a sentence (got "emulator")');
  });
});

describe('the guardrails page', () => {
  it('lists exactly the rules of the pack (npm run docs:rules)', () => {
    const readme = readFileSync('docs/guardrails.md', 'utf8');
    expect(withRulesTable(readme, GUARDRAIL_PACK)).toBe(readme);
    for (const r of GUARDRAIL_PACK) expect(readme).toContain(`| \`${r.id}\` | ${r.level} |`);
  });
});
