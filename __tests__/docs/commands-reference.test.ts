import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../cli/commands';
import { commandsReference, COMMANDS_REFERENCE_FILE } from '../../cli/docs/commands-reference';
import { runCommand } from '../support/run-command';

/*
 * The commands reference is generated from the specs the commands parse their flags with, and the help text
 * names every flag the command parses: neither can drift from the other.
 */
describe('the commands reference', () => {
  it('is what npm run docs:commands generates (docs/commands.md)', () => {
    expect(readFileSync(COMMANDS_REFERENCE_FILE, 'utf8')).toBe(commandsReference(COMMANDS));
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: its help names every flag it parses, and --help prints that help', async (name, c) => {
    const undocumented = Object.keys(c.options).filter((f) => f !== 'help' && !c.help.includes(`--${f}`));
    expect(undocumented).toEqual([]);
    const r = await runCommand(name, ['--help']);
    expect([r.code, r.stdout.trim()]).toEqual([0, c.help.trim()]);
  });
});
