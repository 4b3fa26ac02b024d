import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { listStacks } from '../cli/stacks';

const HELP = `usage: npm run stacks -- [--regions FILE] [--json] [--include-bootstrap]

Lists the stacks of the catalogue with cloud, region, environment and rollout wave.
  --json               a JSON array (the CI matrix source)
  --include-bootstrap  also list the bootstrap stack (local state; not run by pipelines)
Exit codes: 0, or 1 on an invalid catalogue or flags.`;

void runCli('stacks', () => {
  const { values } = parseFlags(process.argv.slice(2), {
    regions: { type: 'string' },
    json: { type: 'boolean' },
    'include-bootstrap': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const rows = listStacks(resolveCatalogue(values.regions), values['include-bootstrap']);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.stack.padEnd(24)} ${r.cloud.padEnd(6)} ${r.region.padEnd(16)} ${r.environment.padEnd(8)} wave ${r.wave}\n`);
  }
  return 0;
});
