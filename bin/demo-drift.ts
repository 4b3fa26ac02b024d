import { runCli } from '../cli/errors';
import { demoDrift } from '../cli/sandbox/demo-drift';

// `npm run demo:drift`: prints the drift report of a sandbox stack changed behind Terraform's back.
// Exit 0 when the demo found the drift it made; 1 when anything went wrong.
void runCli('demo:drift', async () => {
  const { markdown, exitCode } = await demoDrift((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`\n${markdown}`);
  return exitCode === 2 ? 0 : 1;
});
