import { spawn, spawnSync } from 'node:child_process';

/** What one process did. Output is decoded once, from all its bytes, so a character split across chunks survives. */
export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the process was stopped because `timeoutMs` ran out. */
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface RunProcessOptions {
  readonly cwd?: string;
  /** Extra environment, merged over this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Written to standard input, which is then closed. @default - nothing (closed at once) */
  readonly input?: string;
  /**
   * Stop the process after this long: SIGINT to its whole process group first (terraform then releases its state
   * lock), SIGKILL `killGraceMs` later if it has not stopped.
   * @default - no limit
   */
  readonly timeoutMs?: number;
  /** @default 10 seconds */
  readonly killGraceMs?: number;
}

/** A process that could not be started at all (not installed, not executable): one line naming the command. */
export class ProcessStartError extends Error {
  constructor(command: string, cause: Error) {
    super(`${command}: ${cause.message}`);
    this.name = 'ProcessStartError';
  }
}

/**
 * The one way this project starts a process and collects its output (terraform, aws, az, npm): resolves with the
 * exit code and decoded output whatever the code, rejects only when the process cannot start.
 */
export function runProcess(command: string, args: readonly string[], options: RunProcessOptions = {}): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout reaches the children it starts (providers, plugins) too.
      detached: options.timeoutMs !== undefined,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    // A process that exits without reading its input must not fail us with EPIPE.
    child.stdin.on('error', () => {});
    if (options.input !== undefined) child.stdin.write(options.input);
    child.stdin.end();
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            signalGroup(child.pid, 'SIGINT');
            setTimeout(() => signalGroup(child.pid, 'SIGKILL'), options.killGraceMs ?? 10_000).unref();
          }, options.timeoutMs)
        : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new ProcessStartError(command, e));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

/** `runProcess` for the few callers that must block (set-up steps); a process that cannot start has code 127. */
export function runProcessSync(command: string, args: readonly string[], options: Omit<RunProcessOptions, 'killGraceMs'> = {}): ProcessResult {
  const started = Date.now();
  const r = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    input: options.input,
    timeout: options.timeoutMs,
    maxBuffer: 512 * 1024 * 1024,
  });
  return {
    code: r.error && !r.signal ? 127 : (r.status ?? 128),
    stdout: r.stdout ? r.stdout.toString('utf8') : '',
    stderr: r.stderr ? r.stderr.toString('utf8') : r.error ? `${command}: ${r.error.message}` : '',
    timedOut: r.signal !== null && options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs,
    durationMs: Date.now() - started,
  };
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}
