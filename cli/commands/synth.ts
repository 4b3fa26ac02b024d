import { defineCommand } from './command-spec';

/** `npm run synth`: its help and the flags it parses (docs/commands.md is generated from this). */
export const SYNTH_COMMAND = defineCommand({
  name: 'synth',
  help: `usage: npm run synth -- [--regions FILE] [--out DIR]

Validates the region catalogue, then writes one Terraform stack per entry plus "global" and "bootstrap".
  --regions FILE  YAML or JSON catalogue (default: the catalogue in regions/, or $KORE_REGIONS)
  --out DIR       output directory (default: cdktf.out); replaced only by a complete synth
Exit codes: 0 written, 1 invalid catalogue or flags (nothing written).`,
  options: {
    regions: { type: 'string' },
    out: { type: 'string', default: 'cdktf.out' },
    help: { type: 'boolean', short: 'h' },
  },
});
