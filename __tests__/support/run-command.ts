import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What a command did: its exit code and what it printed. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `bin/<script>.ts` in this process, as `node bin/run.js <script> …args` would: argv set, stdout/stderr
 * captured, `process.exit` caught for the exit code, the module (and what it imports) loaded fresh. Seconds faster
 * than a process per test; `spawnCommand` is the real thing, for the few tests that must prove it end to end.
 */
export async function runCommand(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const text = (c: unknown) => (typeof c === 'string' ? c : Buffer.from(c as Uint8Array).toString('utf8'));
  const argv = process.argv;
  const savedEnv = { ...process.env };
  const writeOut = jest.spyOn(process.stdout, 'write').mockImplementation(((c: unknown) => out.push(text(c)) > 0) as typeof process.stdout.write);
  const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation(((c: unknown) => err.push(text(c)) > 0) as typeof process.stderr.write);
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const exitSpy = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exit(code ?? 0);
    return undefined as never;
  }) as typeof process.exit);
  try {
    process.argv = [process.execPath, join('bin', `${script}.ts`), ...args];
    Object.assign(process.env, { KORE_REGIONS: '', ...env });
    jest.isolateModules(() => {
      require(join(__dirname, '..', '..', 'bin', script));
    });
    const code = await exited;
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.argv = argv;
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    writeOut.mockRestore();
    writeErr.mockRestore();
    exitSpy.mockRestore();
  }
}

/** `node bin/run.js <script> …args` in a process of its own: exactly what `npm run <script>` runs. */
export function spawnCommand(script: string, args: readonly string[], env: Record<string, string> = {}): CommandRun {
  const r = spawnSync(process.execPath, [join('bin', 'run.js'), script, ...args], { encoding: 'utf8', env: { ...process.env, KORE_REGIONS: '', ...env } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}
