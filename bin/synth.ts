/*
 * `npm run synth`. Worker threads for a large fleet start before anything else loads (cli/synth-worker-start.ts
 * imports only built-ins and the flags): each loads its copy of the constructs while this thread loads its own.
 */
import { MAX_SYNTH_WORKERS } from '../cli/commands/synth';
import { startSynthWorkersFor } from '../cli/synth-worker-start';

const started = startSynthWorkersFor(process.argv.slice(2));

void (async () => {
  const [{ SYNTH_COMMAND }, { resolveCatalogue }, { integerFlag, parseFlags, runCli }, { synthInWorkers }] = await Promise.all([
    import('../cli/commands/synth'),
    import('../cli/catalogue-source'),
    import('../cli/errors'),
    import('../cli/synth-in-workers'),
  ]);
  await runCli('synth', async () => {
    const { values } = parseFlags(process.argv.slice(2), SYNTH_COMMAND.options);
    if (values.help) {
      process.stdout.write(`${SYNTH_COMMAND.help}\n`);
      return 0;
    }
    const workers = integerFlag('workers', values.workers, 1, MAX_SYNTH_WORKERS);
    const catalogue = resolveCatalogue(values.regions);
    const result = await synthInWorkers({ catalogue, outdir: values.out, workers, started });
    process.stdout.write(`synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(', ')}\n`);
    return 0;
  });
})();
