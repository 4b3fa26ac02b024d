import { GUARDRAILS_COMMAND } from '../cli/commands/guardrails';
import { resolveCatalogue } from '../cli/catalogue-source';
import { parseFlags, runCli } from '../cli/errors';
import { guardrailsCommand, GuardrailsFormat, GUARDRAILS_FORMATS } from '../cli/guardrails/guardrails-command';

void runCli('guardrails', () => {
  const { values } = parseFlags(process.argv.slice(2), GUARDRAILS_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${GUARDRAILS_COMMAND.help}\n`);
    return 0;
  }
  const formats = (values.format ?? GUARDRAILS_FORMATS).flatMap((f) => f.split(',')).filter(Boolean) as GuardrailsFormat[];
  const catalogue = resolveCatalogue(values.regions);
  const result = guardrailsCommand({ catalogue, catalogueFile: values.regions ?? process.env.KORE_REGIONS ?? undefined, formats, outdir: values.out });
  process.stdout.write(`${result.summary}\n${result.files.map((f) => `  wrote ${f}`).join('\n')}\n`);
  return result.code;
});
