/**
 * A rollout wave of four sandbox region stacks applied on the emulator at concurrency 1, then 2, each on a fresh
 * emulator (same fleet, nothing deployed but the state bucket): what the wave's `--concurrency` default should be.
 * Applies wait mostly on the provider's own waiters (an RDS instance ~80 s, Route53 changes 5–20 s), not on CPU,
 * so two at once should nearly halve the wave. Prints one JSON line. `rollout-case.ts`
 */
import { performance } from 'node:perf_hooks';
import { parseCatalogue } from '../regions/load';
import type { CatalogueInput } from '../regions/schema';
import { applyWave } from '../cli/rollout/apply-wave';
import { rolloutPlan } from '../cli/rollout/waves';
import { sandboxFleetCatalogue } from '../cli/sandbox/sandbox-fleet';
import { SandboxSession } from '../cli/sandbox/sandbox-session';

/** The sandbox fleet's four regions, all in wave 0 (development: no canary, no gate). */
function oneWave(endpoint: string): CatalogueInput {
  const fleet = sandboxFleetCatalogue({ endpoint, canaryCheckUrl: 'http://127.0.0.1:1/unused' });
  return {
    ...fleet,
    regions: fleet.regions.map((r) => ({ ...r, environment: 'dev' as const, wave: 0 })),
    rollout: { ...fleet.rollout, healthChecks: {} },
  };
}

async function waveAt(concurrency: number): Promise<{ ms: number; outcomes: string[] }> {
  const session = new SandboxSession('kore-bench-rollout-');
  try {
    await session.start();
    const catalogue = oneWave(session.moto.url);
    const stacks = session.synth(catalogue);
    await session.bootstrap(stacks.bootstrap);
    const wave = rolloutPlan(parseCatalogue(catalogue, 'bench fleet')).waves[0];
    const t0 = performance.now();
    const results = await applyWave(wave, {
      outdir: `${session.dir}/out`,
      concurrency,
      runner: { run: (args, o) => session.tf(o.cwd, [...args], { timeoutMs: o.timeoutMs, env: o.env }) },
    });
    return { ms: Math.round(performance.now() - t0), outcomes: results.map((r) => `${r.stack}:${r.outcome}`) };
  } finally {
    await session.stop();
  }
}

async function main(): Promise<void> {
  const one = await waveAt(1);
  const two = await waveAt(2);
  const ok = [...one.outcomes, ...two.outcomes].every((o) => o.endsWith(':applied'));
  process.stdout.write(`${JSON.stringify({ name: 'rollout-wave-4-stacks', stacks: one.outcomes.length, ok, concurrency1Ms: one.ms, concurrency2Ms: two.ms, ratio: Number((two.ms / one.ms).toFixed(2)), outcomes: ok ? undefined : [...one.outcomes, ...two.outcomes] })}\n`);
}

void main().catch((e: unknown) => {
  process.stderr.write(`rollout-case: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(1);
});
