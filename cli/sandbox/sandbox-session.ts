import { stackDir } from '../../lib/synthesized/synthesized-output';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { parseCatalogue } from '../../regions/load';
import type { CatalogueInput } from '../../regions/schema';
import { stateStoresOf } from '../../regions/state-stores';
import { addCatalogueStacks } from '../../stacks/app';
import { realTerraform, TerraformResult } from '../terraform';
import { MotoServer, startMoto } from './moto-server';
import { tamper } from './tamper';
import { requireProviderMirror, writeTerraformCliConfig } from './provider-mirror';

/**
 * What the AWS SDK's retry of a request the emulator already carried out comes back with, when a loaded emulator
 * answered the first try too late (seen: a security group rule authorized twice, a subnet created twice).
 */
const EMULATOR_RETRY_ARTIFACT = /InvalidPermission\.Duplicate|InvalidPermission\.NotFound|InvalidSubnet\.Conflict/;

/**
 * The same retry, for a create that leaves a named object the apply does not record: applying again would meet it
 * again, so it is imported into the resource that made it first. Seen: a KMS alias, whose retried CreateAlias found
 * the alias the first try made, and an IAM role, whose retried CreateRole did. Each pattern takes the object's import
 * id and the resource's address from terraform's error.
 */
const ORPHANED_OBJECTS = [
  /AlreadyExistsException: An alias with the name (?:arn:aws:kms:[^:\s]*:\d+:)?(alias\/\S+) already exists[\s\S]*?with (aws_kms_alias\.[\w-]+),/,
  /EntityAlreadyExists: Role with name ([\w+=,.@-]+) already exists\.[\s\S]*?with (aws_iam_role\.[\w-]+),/,
];

/**
 * The id of a state lock a command failed on that it took itself: the SDK retried the lock's conditional write,
 * which the emulator had already carried out, and the retry found the lock taken — created after the command
 * started, on the stack the command runs in (the suites never run two commands on one stack at once). Such a lock
 * stays behind and would fail every later command on the stack. Undefined for any other failure.
 */
export function selfHeldLock(stderr: string, startedMs: number): string | undefined {
  if (!/Error acquiring the state lock/.test(stderr) || !/ConditionalCheckFailed/.test(stderr)) return undefined;
  const id = /^\s*ID:\s+(\S+)/m.exec(stderr)?.[1];
  const created = /^\s*Created:\s+(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d{1,3})?\d* \+0000 UTC/m.exec(stderr);
  if (!id || !created) return undefined;
  const at = Date.parse(`${created[1]}T${created[2]}${created[3] ?? ''}Z`);
  return at >= startedMs - 1000 ? id : undefined;
}

/**
 * One local AWS emulator, a Terraform CLI config that installs the AWS provider from the local mirror, and a
 * scratch directory: what the integration tests and the drift demo deploy sandbox stacks into.
 */
export class SandboxSession {
  public moto!: MotoServer;
  public readonly dir: string;
  public env: NodeJS.ProcessEnv = {};

  constructor(prefix = 'kore-sandbox-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  async start(): Promise<void> {
    const mirror = requireProviderMirror();
    this.moto = await startMoto();
    const cliConfig = writeTerraformCliConfig(join(this.dir, 'tf'), mirror);
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
      // Terraform and the AWS provider are Go programs that spend much of every command collecting the garbage of
      // loading the provider's schema: GOGC=200 cut `terraform validate` of a sandbox stack from 8.2 to 7.0
      // CPU-seconds at the same peak memory (480 MB). Suites side by side on two cores are bound by that CPU.
      GOGC: '200',
    };
  }

  async stop(keepDir = false): Promise<void> {
    await this.moto?.stop();
    if (!keepDir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Validates and synthesizes a catalogue into `<dir>/<name>`; returns each stack's directory. */
  synth(catalogue: CatalogueInput, name = 'out'): Record<string, string> {
    const outdir = join(this.dir, name);
    const app = new App({ outdir });
    addCatalogueStacks(app, parseCatalogue(catalogue, 'sandbox catalogue'));
    app.synth();
    return Object.fromEntries(app.node.children.map((c) => [c.node.id, stackDir(outdir, c.node.id)]));
  }

  /**
   * Runs terraform in a stack directory with the sandbox environment. Applies and plans run with
   * -parallelism=4: the emulator is one process on a small machine, and fewer requests in flight keeps it answering
   * before the SDK's retry timeouts.
   */
  tf(cwd: string, args: string[], extra: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<TerraformResult> {
    const gentle = ['apply', 'plan'].includes(args[0]) && !args.some((a) => a.startsWith('-parallelism')) ? [args[0], '-parallelism=4', ...args.slice(1)] : args;
    return realTerraform.run(gentle, { cwd, env: { ...this.env, ...extra.env }, input: extra.input, timeoutMs: extra.timeoutMs ?? 600_000 });
  }

  /**
   * Runs terraform; throws with terraform's own error text when it exits non-zero. An apply that failed only on an
   * emulator retry artifact (EMULATOR_RETRY_ARTIFACT) runs once more: the SDK retried a request the emulator had
   * already carried out, and the second apply reads that back and converges. A rule or subnet that really
   * duplicates another fails the second time as well, so this hides no configuration error. A KMS alias or IAM role
   * the retry left behind (ORPHANED_OBJECTS) is imported into its resource first; a second one of the same name in
   * the configuration still fails the second apply. A command that failed on
   * a state lock it had just taken itself (selfHeldLock) unlocks it and runs once more, whatever the command.
   */
  async tfOk(cwd: string, args: string[], extra: { input?: string; timeoutMs?: number } = {}): Promise<TerraformResult> {
    const started = Date.now();
    let result = await this.tf(cwd, args, extra);
    const ownLock = result.code !== 0 ? selfHeldLock(result.stderr, started) : undefined;
    if (ownLock) {
      process.stderr.write(`sandbox: terraform ${args[0]} in ${cwd} found the state lock it had just taken itself (${ownLock}, an emulator retry artifact); unlocking it and running once more\n`);
      await this.tf(cwd, ['force-unlock', '-force', ownLock]);
      result = await this.tf(cwd, args, extra);
    }
    const failedApply = result.code !== 0 && args[0] === 'apply' && args.includes('-auto-approve');
    const orphan = failedApply ? ORPHANED_OBJECTS.map((p) => p.exec(result.stderr)).find((m) => m !== null) : undefined;
    if (orphan) {
      process.stderr.write(`sandbox: terraform apply in ${cwd} left ${orphan[1]} behind on an emulator retry; importing it into ${orphan[2]} and applying once more\n`);
      const imported = await this.tf(cwd, ['import', '-input=false', orphan[2], orphan[1]]);
      if (imported.code === 0) result = await this.tf(cwd, args, extra);
    } else if (failedApply && EMULATOR_RETRY_ARTIFACT.test(result.stderr)) {
      process.stderr.write(`sandbox: terraform apply in ${cwd} hit an emulator retry artifact (${EMULATOR_RETRY_ARTIFACT.exec(result.stderr)?.[0]}); applying once more\n`);
      result = await this.tf(cwd, args, extra);
    }
    if (result.code !== 0) {
      throw new Error(`terraform ${args.join(' ')} exited ${result.code} in ${cwd}:\n${result.stderr || result.stdout}`.slice(0, 6000));
    }
    return result;
  }

  /**
   * `init` unless the stack directory is initialized already (by an earlier command of the session or a product
   * command run in it): its backend and provider do not change, and each init costs about a CPU-second (it hashes
   * the 700 MB provider binary).
   */
  async initOnce(stackDir: string): Promise<void> {
    if (existsSync(join(stackDir, '.terraform', 'terraform.tfstate')) && existsSync(join(stackDir, '.terraform.lock.hcl'))) return;
    await this.tfOk(stackDir, ['init', '-input=false']);
  }

  /** init + apply of a stack. */
  async apply(stackDir: string): Promise<void> {
    await this.tfOk(stackDir, ['init', '-input=false']);
    await this.tfOk(stackDir, ['apply', '-input=false', '-auto-approve']);
  }

  /** The bootstrap stack: afterwards the emulator has the state bucket and lock table. */
  bootstrap(stackDir: string): Promise<void> {
    return this.apply(stackDir);
  }

  /**
   * The catalogue's S3 state stores (each bucket and its lock table) made through the emulator's API, for sessions
   * whose subject is not bootstrap: what the other stacks' backends need, for a few API calls instead of bootstrap's
   * init and apply (~21 CPU-seconds on the reference machine, measured 2026-12-05). Whoever needs bootstrap's own
   * resources, or its state (an unmanaged scan counts the state bucket as managed through it), applies bootstrap instead.
   */
  async createStateStores(catalogue: CatalogueInput): Promise<void> {
    const stores = stateStoresOf(parseCatalogue(catalogue, 'sandbox catalogue')).flatMap((s) => (s.backend === 's3' ? [s] : []));
    await tamper(
      this.moto.url,
      stores.map((s) => ({ kind: 'create-state-store' as const, account: s.account, region: s.region, bucket: s.bucket, lockTable: s.lockTable })),
    );
  }
}
