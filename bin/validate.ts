import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { catalogueWarnings } from '../regions/cross-checks';

const HELP = `usage: npm run validate -- [--regions FILE]

Checks a region catalogue against the schema and the clouds' rules, and prints every problem, one per line, in
file order:
  <file>:<line>:<column>: <entry id>.<field path>: <message> (got <value>)
Warnings (legal but unchecked, such as a node size of an unlisted family) go to stderr and do not fail.
Exit codes: 0 valid, 1 invalid (or unreadable file, bad flags).`;

void runCli('validate', () => {
  const { values } = parseFlags(process.argv.slice(2), { regions: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const catalogue = resolveCatalogue(values.regions);
  for (const w of catalogueWarnings(catalogue)) process.stderr.write(`validate: warning: ${w}\n`);
  const n = catalogue.regions.length;
  process.stdout.write(`valid: ${n} region${n === 1 ? '' : 's'} (${catalogue.regions.map((r) => r.id).join(', ')})\n`);
  return 0;
});
