import { DRIFT_CHECK_COMMAND } from '../cli/commands/drift-check';
import { driftCheckCommand } from '../cli/drift/drift-command';
import { integerFlag, parseFlags, runCli } from '../cli/errors';
import { realTerraform } from '../cli/terraform';

void runCli('drift-check', async () => {
  const { values } = parseFlags(process.argv.slice(2), DRIFT_CHECK_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${DRIFT_CHECK_COMMAND.help}\n`);
    return 0;
  }
  const int = (flag: string, value: string | undefined, min: number, max: number) => integerFlag(flag, value as string, min, max);
  return driftCheckCommand(
    {
      stacks: values.stacks,
      concurrency: int('concurrency', values.concurrency, 1, 16),
      out: values.out,
      timeoutSeconds: int('timeout', values.timeout, 10, 86_400),
      lockTimeout: `${int('lock-timeout', values['lock-timeout'], 0, 3_600)}s`,
      regions: values.regions,
      cdktfOut: values['cdktf-out'],
      unmanaged: values.unmanaged,
      unmanagedIgnore: values['unmanaged-ignore'],
    },
    { runner: realTerraform, log: (line) => process.stderr.write(`${line}\n`) },
  );
});
