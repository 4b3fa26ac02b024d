import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { guardrailsCommand, GuardrailsFormat, GUARDRAILS_FORMATS } from '../cli/guardrails/guardrails-command';

const HELP = `usage: npm run guardrails -- [--regions FILE] [--format md|json|sarif …] [--out DIR]

Synthesizes the catalogue and checks every stack against the guardrail pack (docs/guardrails.md).
  --regions FILE  YAML or JSON catalogue (default: the catalogue in regions/, or $KORE_REGIONS)
  --format F      md, json and/or sarif (repeatable or comma-separated; default: all three)
  --out DIR       where guardrails.md / .json / .sarif go (default: reports)
Exit codes: 0 no open error, 2 open error-level findings remain, 1 bad input (catalogue, flags).`;

void runCli('guardrails', () => {
  const { values } = parseFlags(process.argv.slice(2), {
    regions: { type: 'string' },
    format: { type: 'string', multiple: true },
    out: { type: 'string', default: 'reports' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const formats = (values.format ?? GUARDRAILS_FORMATS).flatMap((f) => f.split(',')).filter(Boolean) as GuardrailsFormat[];
  const catalogue = resolveCatalogue(values.regions);
  const result = guardrailsCommand({ catalogue, catalogueFile: values.regions ?? process.env.KORE_REGIONS ?? undefined, formats, outdir: values.out });
  process.stdout.write(`${result.summary}\n${result.files.map((f) => `  wrote ${f}`).join('\n')}\n`);
  return result.code;
});
