import { ProcessResult, runProcess, runProcessSync } from './process';

/** What one terraform invocation did. */
export type TerraformResult = ProcessResult;

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
  return runProcessSync('terraform', ['version']).code === 0;
}

/** Subcommands that take -no-color (terraform ignores NO_COLOR). */
const COLOURED = new Set(['init', 'plan', 'apply', 'show', 'refresh', 'validate', 'output', 'destroy', 'import', 'providers']);

/** `args` with -no-color after the subcommand where terraform accepts it. */
export function withNoColor(args: readonly string[]): string[] {
  const [sub, ...rest] = args;
  return sub !== undefined && COLOURED.has(sub) && !rest.includes('-no-color') ? [sub, '-no-color', ...rest] : [...args];
}

/** Runs the real terraform binary (through the one process runner), non-interactive, no colour, no update checks. */
export const realTerraform: TerraformRunner = {
  run(args, options) {
    return runProcess('terraform', withNoColor(args), {
      cwd: options.cwd,
      env: { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', ...options.env },
      input: options.input,
      timeoutMs: options.timeoutMs,
    });
  },
};
