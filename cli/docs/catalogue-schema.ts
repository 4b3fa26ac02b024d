import { z } from 'zod';
import { catalogueSchema } from '../../regions/schema';

/** Where the committed schema lives, and the URL-free path the catalogue files point their editors at. */
export const CATALOGUE_SCHEMA_FILE = 'docs/catalogue.schema.json';

/**
 * The catalogue's JSON Schema (draft 2020-12), generated from the one zod schema: what an editor needs for
 * completion, hover docs and inline errors. Input shape (defaults are optional). Cross-entry rules a schema cannot
 * express (unique ids, shared state stores, names derived from ids) stay in `validate`; the schema never refuses
 * what validate accepts (a property test holds this).
 */
export function catalogueJsonSchema(descriptions: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const generated = z.toJSONSchema(catalogueSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const withDocs = describe(generated, descriptions) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://kore.example.com/schemas/catalogue.schema.json',
    title: 'kore region catalogue',
    description: 'Regions, their clusters, Artifactory replicas and DNS, rollout and automation: the input of npm run validate / synth.',
    ...Object.fromEntries(Object.entries(withDocs).filter(([k]) => k !== '$schema')),
  };
}

/** Adds a description to every property whose key has one documented meaning (from the TSDoc of the schema). */
function describe(node: unknown, descriptions: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(node)) return node.map((n) => describe(n, descriptions));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([name, child]) => {
          const described = describe(child, descriptions) as Record<string, unknown>;
          return [name, descriptions[name] && described && typeof described === 'object' && !('description' in described) ? { description: descriptions[name], ...described } : described];
        }),
      );
    } else {
      out[k] = describe(v, descriptions);
    }
  }
  return out;
}
