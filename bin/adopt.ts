import { ADOPT_COMMAND } from '../cli/commands/adopt';
import { adoptCommand } from '../cli/adopt/adopt-command';
import { awsSdk } from '../cli/aws/aws-api';
import { parseFlags, runCli } from '../cli/errors';

void runCli('adopt', () => {
  const { values } = parseFlags(process.argv.slice(2), ADOPT_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${ADOPT_COMMAND.help}\n`);
    return 0;
  }
  return adoptCommand(
    { stack: values.stack, discover: values.discover, regions: values.regions, cdktfOut: values['cdktf-out'] },
    { api: awsSdk(), out: (t) => process.stdout.write(t), log: (l) => process.stderr.write(`${l}\n`) },
  );
});
