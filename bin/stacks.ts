import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli, UsageError } from '../cli/errors';
import { selectStacks } from '../cli/stack-select';
import { listStacks, StackLayer } from '../cli/stacks';

const HELP = `usage: npm run stacks -- [--regions FILE] [--json] [--stacks NAME|GLOB,…] [--layer LAYER] [--include-bootstrap]

Lists the stacks of the catalogue with layer, cloud, region, environment, rollout wave and dependencies, in
rollout order (wave, then a region's infrastructure before its platform; global after the regions).
  --json               a JSON array (the CI matrix source: runner, credentials, dependencies per stack)
  --stacks PATTERNS    only these stacks (names or globs, comma-separated or repeated)
  --layer LAYER        only this layer: infrastructure, platform, global or bootstrap
  --include-bootstrap  also list the bootstrap stack (local state; not run by pipelines)
Exit codes: 0, or 1 on an invalid catalogue or flags.`;

const LAYERS: readonly StackLayer[] = ['infrastructure', 'platform', 'global', 'bootstrap'];

void runCli('stacks', () => {
  const { values } = parseFlags(process.argv.slice(2), {
    regions: { type: 'string' },
    json: { type: 'boolean' },
    stacks: { type: 'string', multiple: true },
    layer: { type: 'string' },
    'include-bootstrap': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.layer !== undefined && !LAYERS.includes(values.layer as StackLayer)) {
    throw new UsageError(`--layer ${values.layer}: not a layer (have: ${LAYERS.join(', ')})`);
  }
  const all = listStacks(resolveCatalogue(values.regions), values['include-bootstrap']);
  const chosen = new Set(selectStacks(all.map((r) => r.stack), values.stacks));
  const rows = all.filter((r) => chosen.has(r.stack) && (values.layer === undefined || r.layer === values.layer));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    for (const r of rows) {
      const after = r.dependsOn.length > 0 ? `  after ${r.dependsOn.join(', ')}` : '';
      process.stdout.write(`${r.stack.padEnd(30)} ${r.layer.padEnd(15)} ${r.cloud.padEnd(6)} ${r.region.padEnd(16)} ${r.environment.padEnd(8)} wave ${r.wave}${after}\n`);
    }
  }
  return 0;
});
