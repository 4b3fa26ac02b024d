import fc from 'fast-check';
import { App, Testing } from 'cdktf';
import { parseCatalogue } from '../../regions/load';
import { addCatalogueStacks } from '../../stacks/app';
import { mutatedCatalogue } from '../support/catalogue-mutations';
import { problemsOf } from '../support/catalogue';

/*
 * One set of rules: whatever `validate` accepts, synth accepts too, and synthesizes what the catalogue says.
 * fast-check generates catalogues — the default one with plausible mistakes and legal variations mixed in — and
 * whenever validation passes, every stack must synthesize, with the entry's address space exactly as written
 * (a lenient parser once turned 10.060.0.0/16 into 10.48.x.x subnets inside a VPC of "10.060.0.0/16").
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
        const app = Testing.app();
        addCatalogueStacks(app as App, parsed);
        for (const stack of app.node.children) {
          const json = JSON.parse(Testing.synth(stack as any));
          const entry = parsed.regions.find((e) => stack.node.id === `${e.environment}-${e.region}`);
          if (!entry) continue;
          const network = entry.cloud === 'aws' ? Object.values(json.resource.aws_vpc)[0] as any : Object.values(json.resource.azurerm_virtual_network)[0] as any;
          expect(entry.cloud === 'aws' ? network.cidr_block : network.address_space[0]).toBe(entry.network.cidr);
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
    // The generator must exercise both sides of the property.
    expect(valid).toBeGreaterThan(5);
    expect(invalid).toBeGreaterThan(5);
  }, 300_000);
});
