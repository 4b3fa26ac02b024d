import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogueReference, CATALOGUE_REFERENCE_FILE } from '../../cli/docs/catalogue-reference';
import { catalogueJsonSchema, CATALOGUE_SCHEMA_FILE } from '../../cli/docs/catalogue-schema';
import { schemaDescriptions } from '../../cli/docs/schema-descriptions';
import { DEFAULT_CATALOGUE } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { catalogueCopy } from '../support/catalogue';
import { mutatedCatalogue } from '../support/catalogue-mutations';

/*
 * The catalogue's JSON Schema (editor support): generated from the zod schema and committed; it describes the keys
 * from the schema's own TSDoc; and it never refuses what `validate` accepts — over the default catalogue, every
 * catalogue fixture and the property-based generator's variations.
 */
const schema = JSON.parse(readFileSync(CATALOGUE_SCHEMA_FILE, 'utf8'));
// Formats (uri, email) are editor hints: validate checks those values itself.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const check = ajv.compile(schema);
const accepted = (c: unknown) => {
  try {
    parseCatalogue(c, 'test');
    return true;
  } catch {
    return false;
  }
};

describe('the catalogue JSON Schema', () => {
  it('is what npm run schema generates from the zod schema (committed, draft 2020-12)', () => {
    expect(schema).toEqual(JSON.parse(JSON.stringify(catalogueJsonSchema(schemaDescriptions()))));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('has a generated reference page in sync: every field with its type, default, allowed values and example', () => {
    const page = readFileSync(CATALOGUE_REFERENCE_FILE, 'utf8');
    expect(page).toBe(catalogueReference(schema, DEFAULT_CATALOGUE));
    expect(page).toContain('| `regions[].environment` | one of |  | `"dev"`, `"staging"`, `"prod"` |');
    expect(page).toMatch(/\| `gitops\.path` \| string \| `"clusters\/\{environment\}\/\{region\}"` \|/);
    expect(page).toMatch(/\| `regions\[\]\.cluster\.nodePools\.<name>\.maxSize` \| integer \|/);
    // Every property of the schema has its row.
    const count = (n: any): number => Object.values<any>(n?.properties ?? {}).reduce((k, c) => k + 1 + count(c) + count(c.items) + count(c.additionalProperties), 0);
    expect(page.split('\n').filter((l) => l.startsWith('| `')).length).toBeGreaterThanOrEqual(count(schema) - 5);
  });

  it('documents keys from the schema\'s TSDoc, defaults included', () => {
    expect(schema.properties.domain.description).toBe('The parent DNS zone owned by the global stack.');
    expect(schema.properties.gitops.properties.credentials.description).toMatch(/^Where the repository's read credentials live/);
    const entry = schema.properties.regions.items;
    expect(entry.properties.wave.description).toMatch(/Rollout wave/);
    expect(entry.properties.decommission.description).toMatch(/retire a region/);
  });

  it('accepts the default catalogue and refuses what no catalogue may hold', () => {
    expect([check(DEFAULT_CATALOGUE), check.errors]).toEqual([true, null]);
    const bad = catalogueCopy() as any;
    bad.regions[0].cloud = 'gcp';
    bad.colour = 'blue';
    expect(check(bad)).toBe(false);
    expect(check.errors!.map((e) => e.instancePath || e.params)).toEqual(expect.arrayContaining([{ additionalProperty: 'colour' }, '/regions/0/cloud']));
  });

  it('never refuses a catalogue validate accepts (property: the generator\'s variations)', () => {
    let valid = 0;
    fc.assert(
      fc.property(mutatedCatalogue(), (c) => {
        if (!accepted(c)) return;
        valid++;
        expect([check(c), check.errors]).toEqual([true, null]);
      }),
      { numRuns: 150, seed: 20261204 },
    );
    expect(valid).toBeGreaterThan(10);
  });

  it('never refuses a catalogue fixture validate accepts, and every catalogue file points its editor at the schema', () => {
    const files = ['__tests__/fixtures', 'docs', 'regions'].flatMap((dir) => walk(dir)).filter((f) => /\.ya?ml$/.test(f));
    const catalogues = files.filter((f) => {
      try {
        const doc = parse(readFileSync(f, 'utf8'));
        return doc && typeof doc === 'object' && 'regions' in doc;
      } catch {
        return false;
      }
    });
    expect(catalogues.length).toBeGreaterThan(0);
    for (const f of catalogues) {
      const text = readFileSync(f, 'utf8');
      expect([f, text.split('\n')[0]]).toEqual([f, expect.stringMatching(/^# yaml-language-server: \$schema=(\.\.\/)*docs\/catalogue\.schema\.json$/)]);
      const doc = parse(text);
      if (accepted(doc)) expect([f, check(doc), check.errors]).toEqual([f, true, null]);
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
