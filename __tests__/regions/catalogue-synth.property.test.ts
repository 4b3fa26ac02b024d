import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { synthCatalogue } from '../../cli/synth';
import { readStackJson } from '../../lib/synthesized/synthesized-output';
import { parseCatalogue } from '../../regions/load';
import { mutatedCatalogue } from '../support/catalogue-mutations';
import { problemsOf } from '../support/catalogue';

/*
 * One set of rules: whatever `validate` accepts, synth accepts too, and synthesizes what the catalogue says.
 * fast-check generates catalogues — the default one with plausible mistakes and legal variations mixed in — and
 * whenever validation passes, every stack must synthesize, with the entry's address space exactly as written
 * (a lenient parser once turned 10.060.0.0/16 into 10.48.x.x subnets inside a VPC of "10.060.0.0/16").
 * Synthesized as `npm run synth` does it (guardrails included), into a scratch directory, and read back from there.
 */
describe('validate passes ⇒ synth passes', () => {
  it('holds for generated catalogues', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(mutatedCatalogue(), (catalogue) => {
        if (problemsOf(catalogue).length > 0) {
          invalid++;
          return;
        }
        valid++;
        const parsed = parseCatalogue(catalogue, 'generated');
        const scratch = mkdtempSync(join(tmpdir(), 'kore-property-'));
        try {
          const { outdir, stacks } = synthCatalogue({ catalogue: parsed, outdir: join(scratch, 'out') });
          expect(stacks).toEqual(expect.arrayContaining(parsed.regions.flatMap((e) => [`${e.environment}-${e.region}`, `${e.environment}-${e.region}-platform`])));
          for (const entry of parsed.regions) {
            const json = readStackJson(outdir, `${entry.environment}-${entry.region}`) as any;
            const network = entry.cloud === 'aws' ? Object.values(json.resource.aws_vpc)[0] as any : Object.values(json.resource.azurerm_virtual_network)[0] as any;
            expect(entry.cloud === 'aws' ? network.cidr_block : network.address_space[0]).toBe(entry.network.cidr);
          }
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
    // The generator must exercise both sides of the property.
    expect(valid).toBeGreaterThan(5);
    expect(invalid).toBeGreaterThan(5);
  }, 300_000);
});
