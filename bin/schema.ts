import { writeFileSync } from 'node:fs';
import { catalogueJsonSchema, CATALOGUE_SCHEMA_FILE } from '../cli/docs/catalogue-schema';
import { schemaDescriptions } from '../cli/docs/schema-descriptions';
import { runCli } from '../cli/errors';

/** `npm run schema`: writes the catalogue's JSON Schema (a test fails when the committed one differs). */
void runCli('schema', () => {
  const schema = catalogueJsonSchema(schemaDescriptions());
  writeFileSync(CATALOGUE_SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`${CATALOGUE_SCHEMA_FILE}: ${Object.keys((schema.properties ?? {})).length} top-level keys\n`);
  return 0;
});
