import { VALIDATE_COMMAND } from '../cli/commands/validate';
import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { catalogueWarnings } from '../regions/cross-checks';

void runCli('validate', () => {
  const { values } = parseFlags(process.argv.slice(2), VALIDATE_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${VALIDATE_COMMAND.help}\n`);
    return 0;
  }
  const catalogue = resolveCatalogue(values.regions);
  for (const w of catalogueWarnings(catalogue)) process.stderr.write(`validate: warning: ${w}\n`);
  const n = catalogue.regions.length;
  process.stdout.write(`valid: ${n} region${n === 1 ? '' : 's'} (${catalogue.regions.map((r) => r.id).join(', ')})\n`);
  return 0;
});
