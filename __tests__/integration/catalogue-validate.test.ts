import fc from 'fast-check';
import { parseCatalogue } from '../../regions/load';
import { mutatedCatalogue } from '../support/catalogue-mutations';
import { problemsOf } from '../support/catalogue';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The other half of "validate passes ⇒ synth and plan pass": generated catalogues that validation accepts are
 * synthesized, and every AWS stack of them passes `terraform validate` against the real AWS provider schema
 * (attribute names, types, enums), not only cdktf's type-checks.
 */
describeIntegration('generated valid catalogues pass terraform validate', () => {
  const sandbox = new Sandbox();
  beforeAll(() => sandbox.start(), 120_000);
  afterAll(() => sandbox.stop(), 60_000);

  const valid = fc
    .sample(mutatedCatalogue(), { numRuns: 80, seed: 42 })
    .filter((c) => problemsOf(c).length === 0 && JSON.stringify(c).length > 0)
    .slice(1, 3);

  it('has generated catalogues to check', () => {
    expect(valid.length).toBe(2);
  });

  it.each(valid.map((c, i) => [i, c] as const))('catalogue %i: every AWS stack validates', async (i, catalogue) => {
    const stacks = sandbox.synth(catalogue, `generated-${i}`);
    const parsed = parseCatalogue(catalogue, 'generated');
    const awsStacks = [
      'global',
      ...parsed.regions.filter((e) => e.cloud === 'aws').map((e) => `${e.environment}-${e.region}`),
    ];
    for (const name of awsStacks) {
      await sandbox.tfOk(stacks[name], ['init', '-backend=false', '-input=false']);
      const result = await sandbox.tf(stacks[name], ['validate', '-json']);
      const report = JSON.parse(result.stdout);
      expect({ stack: name, valid: report.valid, errors: report.diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => d.summary) }).toEqual({ stack: name, valid: true, errors: [] });
    }
  }, 900_000);
});
