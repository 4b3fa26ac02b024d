import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { hasMoto, MotoServer, startMoto } from '../../cli/sandbox/moto-server';
import { findProviderMirror, writeTerraformCliConfig } from '../../cli/sandbox/provider-mirror';
import { hasTerraform, realTerraform, TerraformResult } from '../../cli/terraform';
import { parseCatalogue } from '../../regions/load';
import type { CatalogueInput } from '../../regions/schema';
import { addCatalogueStacks } from '../../stacks/app';

/**
 * Whether the real-Terraform tests can run here: terraform on PATH, a local mirror of hashicorp/aws, moto_server.
 * In CI (CI=true) a missing piece fails the suite; elsewhere the tests skip with a loud message.
 */
export function integrationPrerequisites(): { ok: true; mirror: string } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  if (!hasTerraform()) missing.push('terraform on PATH');
  const mirror = findProviderMirror();
  if (!mirror) missing.push('a filesystem mirror of hashicorp/aws 5.100.0 (set KORE_TF_PROVIDER_MIRROR)');
  if (!hasMoto()) missing.push('moto_server on PATH (pip install "moto[server]")');
  return missing.length === 0 && mirror ? { ok: true, mirror } : { ok: false, missing };
}

/** `describe` when the prerequisites are there, a loud `describe.skip` otherwise (a failure in CI). */
export function describeIntegration(name: string, body: () => void): void {
  const pre = integrationPrerequisites();
  if (pre.ok) {
    describe(name, body);
    return;
  }
  const message = `INTEGRATION TESTS SKIPPED (${name}): missing ${pre.missing.join(', ')}`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its prerequisites in CI', () => {
        throw new Error(message);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
  describe.skip(name, body);
}

/** One emulator, one Terraform CLI config and one work directory, for one test file. */
export class Sandbox {
  public moto!: MotoServer;
  public readonly dir: string;
  public env: NodeJS.ProcessEnv = {};

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'kore-it-'));
  }

  async start(): Promise<void> {
    const pre = integrationPrerequisites();
    if (!pre.ok) throw new Error(`missing ${pre.missing.join(', ')}`);
    this.moto = await startMoto();
    const cliConfig = writeTerraformCliConfig(join(this.dir, 'tf'), pre.mirror);
    this.env = {
      // The machine may point TF_CLI_CONFIG_FILE at a file that does not exist; ours always wins.
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_DATA_DIR: undefined,
      TF_PLUGIN_CACHE_DIR: undefined,
      // The emulator accepts any credentials; these are placeholders, not secrets.
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  }

  async stop(): Promise<void> {
    await this.moto?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Validates and synthesizes a catalogue into a fresh directory; returns the stack directory of each stack. */
  synth(catalogue: CatalogueInput, name = 'out'): Record<string, string> {
    const outdir = join(this.dir, name);
    const app = new App({ outdir });
    addCatalogueStacks(app, parseCatalogue(catalogue, 'sandbox catalogue'));
    app.synth();
    return Object.fromEntries(app.node.children.map((c) => [c.node.id, join(outdir, 'stacks', c.node.id)]));
  }

  /** Runs terraform in a stack directory with the sandbox environment. */
  tf(cwd: string, args: string[], extra: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<TerraformResult> {
    return realTerraform.run(args, { cwd, env: { ...this.env, ...extra.env }, input: extra.input, timeoutMs: extra.timeoutMs ?? 600_000 });
  }

  /** Runs terraform and fails the test with terraform's own error text when it exits non-zero. */
  async tfOk(cwd: string, args: string[], extra: { input?: string; timeoutMs?: number } = {}): Promise<TerraformResult> {
    const result = await this.tf(cwd, args, extra);
    if (result.code !== 0) {
      throw new Error(`terraform ${args.join(' ')} exited ${result.code} in ${cwd}:\n${result.stderr || result.stdout}`.slice(0, 6000));
    }
    return result;
  }

  /** init + apply of the bootstrap stack: the emulator then has the state bucket and lock table. */
  async bootstrap(stackDir: string): Promise<void> {
    await this.tfOk(stackDir, ['init', '-input=false']);
    await this.tfOk(stackDir, ['apply', '-input=false', '-auto-approve']);
  }
}
