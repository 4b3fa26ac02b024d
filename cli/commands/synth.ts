import { defineCommand } from './command-spec';

/** The most threads `--workers` may ask for. */
export const MAX_SYNTH_WORKERS = 16;

/** `npm run synth`: its help and the flags it parses (docs/commands.md is generated from this). */
export const SYNTH_COMMAND = defineCommand({
  name: 'synth',
  help: `usage: npm run synth -- [--regions FILE] [--out DIR] [--workers N]

Validates the region catalogue, then writes one Terraform stack per entry plus "global" and "bootstrap".
  --regions FILE  YAML or JSON catalogue (default: the catalogue in regions/, or $KORE_REGIONS)
  --out DIR       output directory (default: cdktf.out); replaced only by a complete synth
  --workers N     stacks built in N threads at once, 1 to ${MAX_SYNTH_WORKERS} (default: from 24 entries on a machine with 3 or
                  more cores, as many as there are cores up to 4; else 1); the output is the same
Exit codes: 0 written, 1 invalid catalogue or flags (nothing written), 2 guardrail errors (nothing written).`,
  options: {
    regions: { type: 'string' },
    out: { type: 'string', default: 'cdktf.out' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
