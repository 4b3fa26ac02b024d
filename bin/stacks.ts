import { STACKS_COMMAND } from '../cli/commands/stacks';
import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli, UsageError } from '../cli/errors';
import { selectStacks } from '../cli/stack-select';
import { listStacks, StackLayer } from '../cli/stacks';

const LAYERS: readonly StackLayer[] = ['infrastructure', 'platform', 'global', 'bootstrap'];

void runCli('stacks', () => {
  const { values } = parseFlags(process.argv.slice(2), STACKS_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${STACKS_COMMAND.help}\n`);
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
