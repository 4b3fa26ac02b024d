import { spawn, spawnSync } from 'node:child_process';

/** What one terraform invocation did. */
export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface TerraformRunOptions {
  /** Working directory: a synthesized stack directory. */
  readonly cwd: string;
  /** Extra environment (TF_CLI_CONFIG_FILE, credentials); merged over process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Kill terraform after this long.
   * @default - no limit
   */
  readonly timeoutMs?: number;
  /** Written to terraform's standard input, e.g. "yes\n" for an interactive approval. */
  readonly input?: string;
}

/** Runs terraform commands. The one place that spawns terraform, so that tools can be tested with a fake. */
export interface TerraformRunner {
  run(args: readonly string[], options: TerraformRunOptions): Promise<TerraformResult>;
}

/** True when a terraform binary is on PATH. */
export function hasTerraform(): boolean {
  return spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Subcommands that take -no-color (terraform ignores NO_COLOR). */
const COLOURED = new Set(['init', 'plan', 'apply', 'show', 'refresh', 'validate', 'output', 'destroy', 'import', 'providers']);

/** `args` with -no-color after the subcommand where terraform accepts it. */
export function withNoColor(args: readonly string[]): string[] {
  const [sub, ...rest] = args;
  return sub !== undefined && COLOURED.has(sub) && !rest.includes('-no-color') ? [sub, '-no-color', ...rest] : [...args];
}

/** Spawns the real terraform binary, non-interactive, no colour, no update checks. */
export const realTerraform: TerraformRunner = {
  run(args, options) {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', withNoColor(args), {
        cwd: options.cwd,
        env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      if (options.input !== undefined) child.stdin.write(options.input);
      child.stdin.end();
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            // Interrupt first so terraform releases its state lock; kill if it does not stop.
            signal(child.pid, 'SIGINT');
            setTimeout(() => signal(child.pid, 'SIGKILL'), 10_000).unref();
          }, options.timeoutMs)
        : undefined;
      child.on('error', reject);
      child.on('close', (code) => {
        if (timer) clearTimeout(timer);
        resolve({ code: code ?? 1, stdout, stderr, timedOut, durationMs: Date.now() - started });
      });
    });
  },
};

function signal(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}
