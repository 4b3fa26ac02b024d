import type { ParseArgsConfig } from 'node:util';

/** The flags of a command, as `parseFlags` (node:util parseArgs) takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * A command as data: its help text and the flags `parseFlags` parses. The bin entry parses with exactly these
 * options, and the commands reference (docs/commands.md) is generated from the same objects, so the two agree.
 */
export interface CommandSpec<T extends CommandOptions = CommandOptions> {
  /** `npm run <name>`. */
  readonly name: string;
  /** What `--help` prints: usage, what it does, flags, exit codes. */
  readonly help: string;
  readonly options: T;
}

/** Keeps the options' literal type, so the parsed values stay typed in the bin. */
export function defineCommand<const T extends CommandOptions>(spec: CommandSpec<T>): CommandSpec<T> {
  return spec;
}
