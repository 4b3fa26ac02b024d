import { writeFileSync } from 'node:fs';
import { catalogueReference, CATALOGUE_REFERENCE_FILE } from '../cli/docs/catalogue-reference';
import { catalogueJsonSchema, CATALOGUE_SCHEMA_FILE } from '../cli/docs/catalogue-schema';
import { DEFAULT_CATALOGUE } from '../regions/catalogue';
import { schemaDescriptions } from '../cli/docs/schema-descriptions';
import { runCli } from '../cli/errors';

/** `npm run schema`: writes the catalogue's JSON Schema and its reference page (tests fail when the committed ones differ). */
void runCli('schema', () => {
  const schema = catalogueJsonSchema(schemaDescriptions());
  writeFileSync(CATALOGUE_SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`);
  writeFileSync(CATALOGUE_REFERENCE_FILE, catalogueReference(schema, DEFAULT_CATALOGUE));
  process.stdout.write(`${CATALOGUE_SCHEMA_FILE}: ${Object.keys((schema.properties ?? {})).length} top-level keys\n`);
  return 0;
});
