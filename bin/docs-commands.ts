import { writeFileSync } from 'node:fs';
import { COMMANDS } from '../cli/commands';
import { commandsReference, COMMANDS_REFERENCE_FILE } from '../cli/docs/commands-reference';
import { runCli } from '../cli/errors';

/** `npm run docs:commands`: writes the commands reference from the command specs (a test fails when they differ). */
void runCli('docs:commands', () => {
  writeFileSync(COMMANDS_REFERENCE_FILE, commandsReference(COMMANDS));
  process.stdout.write(`${COMMANDS_REFERENCE_FILE}: ${COMMANDS.length} commands\n`);
  return 0;
});
