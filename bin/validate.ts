import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';

const HELP = `usage: npm run validate -- [--regions FILE]

Checks a region catalogue against the schema and prints every problem, one per line:
  <entry id>.<field path>: <message> (got <value>)
Exit codes: 0 valid, 1 invalid (or unreadable file, bad flags).`;

void runCli('validate', () => {
  const { values } = parseFlags(process.argv.slice(2), { regions: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const catalogue = resolveCatalogue(values.regions);
  process.stdout.write(`valid: ${catalogue.regions.length} regions (${catalogue.regions.map((r) => r.id).join(', ')})\n`);
  return 0;
});
