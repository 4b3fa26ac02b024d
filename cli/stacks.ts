import type { Catalogue } from '../regions/schema';
import { stackNameOf } from '../regions/schema';
import { BOOTSTRAP_STACK_NAME } from '../stacks/bootstrap-stack';
import { GLOBAL_STACK_NAME } from '../stacks/global-stack';

/** One row of the stack listing: what a CI matrix needs to run one stack. */
export interface StackListing {
  readonly stack: string;
  readonly kind: 'region' | 'global' | 'bootstrap';
  readonly cloud: 'aws' | 'azure';
  readonly region: string;
  readonly environment: string;
  /**
   * Rollout wave. The global stack comes after every region (it delegates to their sub-zones); bootstrap is
   * never part of a rollout (-1).
   */
  readonly wave: number;
}

/**
 * Every stack of a catalogue with its cloud, region, environment and wave, ordered by wave then name. Bootstrap is
 * listed only when asked: it keeps local state and is not run by pipelines.
 */
export function listStacks(catalogue: Catalogue, includeBootstrap = false): StackListing[] {
  const lastWave = Math.max(...catalogue.regions.map((e) => e.wave));
  const rows: StackListing[] = [
    { stack: GLOBAL_STACK_NAME, kind: 'global', cloud: 'aws', region: catalogue.global.region, environment: 'global', wave: lastWave + 1 },
    ...catalogue.regions.map((e) => ({
      stack: stackNameOf(e),
      kind: 'region' as const,
      cloud: e.cloud,
      region: e.region,
      environment: e.environment,
      wave: e.wave,
    })),
  ];
  if (includeBootstrap) {
    rows.push({ stack: BOOTSTRAP_STACK_NAME, kind: 'bootstrap', cloud: 'aws', region: catalogue.global.region, environment: 'global', wave: -1 });
  }
  return rows.sort((a, b) => a.wave - b.wave || a.stack.localeCompare(b.stack));
}
