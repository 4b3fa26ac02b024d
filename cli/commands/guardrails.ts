import { defineCommand } from './command-spec';

/** `npm run guardrails`: its help and the flags it parses (docs/commands.md is generated from this). */
export const GUARDRAILS_COMMAND = defineCommand({
  name: 'guardrails',
  help: `usage: npm run guardrails -- [--regions FILE] [--format md|json|sarif …] [--out DIR]

Synthesizes the catalogue and checks every stack against the guardrail pack (docs/guardrails.md).
  --regions FILE  YAML or JSON catalogue (default: the catalogue in regions/, or $KORE_REGIONS)
  --format F      md, json and/or sarif (repeatable or comma-separated; default: all three)
  --out DIR       where guardrails.md / .json / .sarif go (default: reports)
Exit codes: 0 no open error, 2 open error-level findings remain, 1 bad input (catalogue, flags).`,
  options: {
    regions: { type: 'string' },
    format: { type: 'string', multiple: true },
    out: { type: 'string', default: 'reports' },
    help: { type: 'boolean', short: 'h' },
  },
});
