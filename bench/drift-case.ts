/**
 * The nightly drift check's cost against a bare plan, on the emulator, in its own process: a sandbox region stack is
 * deployed and changed behind Terraform's back, then, alternately, `terraform plan -out` + `show -json` (what any
 * plan costs) and the drift check of that stack (init, one plan, show, classification). Prints one JSON line.
 * `drift-case.ts <runs>`
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runDriftChecks } from '../cli/drift/run-drift';
import { sandboxCatalogue } from '../cli/sandbox/sandbox-catalogue';
import { SandboxSession } from '../cli/sandbox/sandbox-session';
import { standardTampering, stateResources, tamper } from '../cli/sandbox/tamper';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const session = new SandboxSession('kore-bench-drift-');
  try {
    await session.start();
    const stacks = session.synth(sandboxCatalogue({ endpoint: session.moto.url }));
    await session.bootstrap(stacks.bootstrap);
    const dir = stacks['dev-us-east-1'];
    await session.apply(dir);
    await tamper(session.moto.url, standardTampering(stateResources((await session.tfOk(dir, ['state', 'pull'])).stdout)).actions);
    const plans: number[] = [];
    const drifts: number[] = [];
    let status = '';
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await session.tfOk(dir, ['plan', '-input=false', '-lock-timeout=60s', '-out=bench.tfplan'], {});
      await session.tfOk(dir, ['show', '-json', 'bench.tfplan']);
      plans.push(performance.now() - t0);
      rmSync(join(dir, 'bench.tfplan'), { force: true });
      const t1 = performance.now();
      const [r] = await runDriftChecks({ outdir: join(dir, '..', '..'), stacks: ['dev-us-east-1'], runner: { run: (args, o) => session.tf(o.cwd, [...args], { timeoutMs: o.timeoutMs }) }, timeoutMs: 900_000, lockTimeout: '60s' });
      drifts.push(performance.now() - t1);
      status = r.status;
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    process.stdout.write(`${JSON.stringify({ name: 'drift-check-vs-plan', runs, status, planMs: Math.round(median(plans)), driftMs: Math.round(median(drifts)), ratio: Number((median(drifts) / median(plans)).toFixed(2)) })}\n`);
  } finally {
    await session.stop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`drift-case: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(1);
});
