import { defineCommand } from './command-spec';

/** `npm run validate`: its help and the flags it parses (docs/commands.md is generated from this). */
export const VALIDATE_COMMAND = defineCommand({
  name: 'validate',
  help: `usage: npm run validate -- [--regions FILE]

Checks a region catalogue against the schema and the clouds' rules, and prints every problem, one per line, in
file order:
  <file>:<line>:<column>: <entry id>.<field path>: <message> (got <value>)
Warnings (legal but unchecked, such as a node size of an unlisted family) go to stderr and do not fail.
Exit codes: 0 valid, 1 invalid (or unreadable file, bad flags).`,
  options: { regions: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
