import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parseCatalogue } from '../../regions/load';
import { mutatedCatalogue } from '../support/catalogue-mutations';
import { problemsOf } from '../support/catalogue';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The other half of "validate passes ⇒ synth and plan pass": generated catalogues that validation accepts are
 * synthesized, and every AWS stack of them passes `terraform validate` against the real AWS provider schema
 * (attribute names, types, enums), not only cdktf's type-checks. The stacks of a catalogue are validated together, as
 * child modules of one root: one `init` and one `validate` load the provider's schema once per catalogue instead of
 * once per stack (the provider's start is most of a validate's cost), and each error still names its stack's file.
 * Terraform only warns that a child module's backend block is ignored, which validation does not need.
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
    const root = join(sandbox.dir, `generated-${i}-validate`);
    mkdirSync(root, { recursive: true });
    // A local module source must start with ./ or ../; the stacks are beside the root, so relative() gives ../…
    writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module: Object.fromEntries(awsStacks.map((name) => [name, { source: relative(root, stacks[name]) }])) }));
    await sandbox.tfOk(root, ['init', '-backend=false', '-input=false']);
    // Every stack is one of the root's modules (a module left out would validate nothing).
    const loaded = JSON.parse(readFileSync(join(root, '.terraform', 'modules', 'modules.json'), 'utf8')).Modules.map((m: any) => m.Key);
    expect(loaded.filter((k: string) => k !== '').sort()).toEqual([...awsStacks].sort());
    const report = JSON.parse((await sandbox.tf(root, ['validate', '-json'])).stdout);
    const errors = report.diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => `${d.range?.filename ?? '?'}: ${d.summary}`);
    expect({ valid: report.valid, errors }).toEqual({ valid: true, errors: [] });
  }, 900_000);
});
