import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { synthCatalogue } from '../cli/synth';

const HELP = `usage: npm run synth -- [--regions FILE] [--out DIR]

Validates the region catalogue, then writes one Terraform stack per entry plus "global" and "bootstrap".
  --regions FILE  YAML or JSON catalogue (default: the catalogue in regions/, or $KORE_REGIONS)
  --out DIR       output directory (default: cdktf.out); replaced only by a complete synth
Exit codes: 0 written, 1 invalid catalogue or flags (nothing written).`;

void runCli('synth', () => {
  const { values } = parseFlags(process.argv.slice(2), {
    regions: { type: 'string' },
    out: { type: 'string', default: 'cdktf.out' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const catalogue = resolveCatalogue(values.regions);
  const result = synthCatalogue({ catalogue, outdir: values.out });
  process.stdout.write(`synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(', ')}\n`);
  return 0;
});
