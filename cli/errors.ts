import { parseArgs, ParseArgsConfig } from 'node:util';
import { CatalogueError } from '../regions/load';
import { skipTokenStackTraces } from './stack-traces';

/** A failure the user can fix (bad flag, bad file): reported as one line, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string, public readonly exitCode = 1) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `util.parseArgs`, with its errors turned into one-line UsageErrors naming the flag. */
export function parseFlags<T extends ParseArgsConfig['options']>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
}

/**
 * The one parser of whole-number flags: `undefined` stays `undefined` (the caller's default applies), anything else
 * must be a whole number from `min` to `max`.
 * @throws UsageError `--<flag> must be a whole number from <min> to <max> (got "<value>")`
 */
export function integerFlag(flag: string, value: string, min: number, max: number): number;
export function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined;
export function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

/**
 * The edge of every command: runs `main`, prints expected failures as plain lines on stderr and returns the exit
 * code. Unexpected errors print one line too; set KORE_DEBUG=1 for the stack.
 */
export async function runCli(name: string, main: () => Promise<number> | number): Promise<never> {
  skipTokenStackTraces();
  let code: number;
  try {
    code = await main();
  } catch (e) {
    if (e instanceof CatalogueError) {
      process.stderr.write(`${name}: invalid catalogue ${e.source}\n${e.problems.join('\n')}\n`);
      code = 1;
    } else if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\n`);
      code = e.exitCode;
    } else {
      const err = e as Error;
      process.stderr.write(`${name}: ${err?.message?.split('\n')[0] ?? String(e)}\n`);
      if (process.env.KORE_DEBUG) process.stderr.write(`${err?.stack}\n`);
      code = 1;
    }
  }
  process.exit(code);
}
