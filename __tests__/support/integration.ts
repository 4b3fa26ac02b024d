import { join } from 'node:path';
import { ProcessResult, runProcess } from '../../cli/process';
import { hasMoto } from '../../cli/sandbox/moto-server';
import { findProviderMirror } from '../../cli/sandbox/provider-mirror';
import { SandboxSession } from '../../cli/sandbox/sandbox-session';
import { hasTerraform } from '../../cli/terraform';

/**
 * Whether the real-Terraform tests can run here: terraform on PATH, a local mirror of hashicorp/aws, moto_server.
 * In CI (CI=true) a missing piece fails the suite; elsewhere the tests skip with a loud message.
 */
export function integrationPrerequisites(): { ok: true } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  if (!hasTerraform()) missing.push('terraform on PATH');
  if (!findProviderMirror()) missing.push('a filesystem mirror of hashicorp/aws 5.100.0 (set KORE_TF_PROVIDER_MIRROR)');
  if (!hasMoto()) missing.push('moto_server on PATH (pip install "moto[server]")');
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
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

/** The sandbox session the integration tests use. */
export class Sandbox extends SandboxSession {
  constructor() {
    super('kore-it-');
  }

  /**
   * `node bin/run.js <script> …args` in a process of its own, as a pipeline runs it, against this emulator. Plans and
   * applies with -parallelism=4, as `tf` runs them (the emulator is one process on a small machine).
   */
  command(script: string, args: readonly string[]): Promise<ProcessResult> {
    return runProcess(process.execPath, [join('bin', 'run.js'), script, ...args], {
      env: { ...this.env, KORE_REGIONS: '', TF_CLI_ARGS_plan: '-parallelism=4', TF_CLI_ARGS_apply: '-parallelism=4' },
    });
  }
}
