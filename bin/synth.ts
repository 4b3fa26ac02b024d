import { SYNTH_COMMAND } from '../cli/commands/synth';
import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { synthCatalogue } from '../cli/synth';

void runCli('synth', () => {
  const { values } = parseFlags(process.argv.slice(2), SYNTH_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${SYNTH_COMMAND.help}\n`);
    return 0;
  }
  const catalogue = resolveCatalogue(values.regions);
  const result = synthCatalogue({ catalogue, outdir: values.out });
  process.stdout.write(`synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(', ')}\n`);
  return 0;
});
