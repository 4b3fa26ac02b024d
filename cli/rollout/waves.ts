import { durationMs } from '../../regions/rollout-schema';
import type { Catalogue, HealthCheckSpec } from '../../regions/schema';
import { canaryOf } from '../../regions/automation';
import { entryNames } from '../../regions/cloud-names';
import { listStacks, StackLayer } from '../stacks';
import type { RetiredStack } from './retired-stacks';

/** One stack of a wave, in apply order. */
export interface RolloutStack {
  readonly stack: string;
  readonly layer: StackLayer;
  readonly environment: string;
  /** False when `--base-out` shows its synthesized Terraform unchanged; true without a base. */
  readonly changed: boolean;
}

/**
 * An AWS VM service's group, checked through the cloud's API: healthy when at least `minHealthy` instances are in
 * service and healthy by the load balancer's check (the group uses ELB health checks). Derived from the catalogue's
 * `vmServices`, not written in `rollout.healthChecks`.
 */
export interface VmGroupCheck {
  readonly name: string;
  readonly autoScalingGroup: string;
  readonly awsRegion: string;
  /** The AWS account the group lives in (the entry's): the gate reads it there, whatever account its job is in. */
  readonly account: string;
  readonly minHealthy: number;
}

/**
 * An Azure VM service's scale set, checked through Resource Manager (live, not Resource Graph): healthy when at least
 * `minHealthy` instances run and the set's health probe (the load balancer's, which also drives automatic repairs
 * and rolling upgrades) reports them healthy. Derived from the catalogue's `vmServices` like the AWS group check.
 */
export interface ScaleSetCheck {
  readonly name: string;
  readonly scaleSet: string;
  readonly resourceGroup: string;
  /** The entry's subscription. */
  readonly subscription: string;
  readonly minHealthy: number;
}

/**
 * A catalogue's Route53 health check, read in the global account: the global stack creates the latency records and
 * their health checks there, whatever account the region itself is in.
 */
export type Route53Check = Extract<HealthCheckSpec, { route53HealthCheckId: string }> & { readonly account: string };

/** A health check of one region, as the gate runs it. */
export type GateCheck = (Extract<HealthCheckSpec, { url: string }> | Route53Check | VmGroupCheck | ScaleSetCheck) & { readonly region: string };

/** The gate checks of one entry: the catalogue's, then one per VM service. */
function checksOf(catalogue: Catalogue, e: Catalogue['regions'][number]): GateCheck[] {
  const written: GateCheck[] = (catalogue.rollout.healthChecks[e.id] ?? []).map((c) => ('route53HealthCheckId' in c ? { ...c, account: catalogue.global.account, region: e.id } : { ...c, region: e.id }));
  const prefix = entryNames(e).prefix;
  // The names the VM service constructs give their group and scale set (and the scale set's resource group).
  const vm: GateCheck[] = e.vmServices.map((s) =>
    e.cloud === 'aws'
      ? { name: `vm ${s.name}`, autoScalingGroup: `${prefix}-${s.name}`, awsRegion: e.region, account: e.account, minHealthy: s.capacity.min, region: e.id }
      : { name: `vm ${s.name}`, scaleSet: `${prefix}-${s.name}`, resourceGroup: `${prefix}-${s.name}`, subscription: e.account, minHealthy: s.capacity.min, region: e.id },
  );
  return [...written, ...vm];
}

export interface RolloutWave {
  readonly wave: number;
  /** Environments of its stacks (`global` for the global stack's wave). */
  readonly environments: readonly string[];
  /** The first production wave, alone: its health gate must hold for the bake before anything after it. */
  readonly canary: boolean;
  readonly needsApproval: boolean;
  /** Milliseconds the gate watches the wave's checks before the next wave (0: one round). */
  readonly bakeMs: number;
  /** The bake as written in the catalogue (`24h`), for people. */
  readonly bake: string;
  readonly checks: readonly GateCheck[];
  readonly stacks: readonly RolloutStack[];
}

export interface RolloutPlan {
  readonly fastPath: boolean;
  /** Whether `changed` was computed against a base output. */
  readonly comparedWithBase: boolean;
  readonly waves: readonly RolloutWave[];
  /**
   * Stacks last deployed and gone from the catalogue, platform first: destroyed after every wave (the global
   * stack has dropped their delegations by then), in the `decommission` environment.
   */
  readonly retired: readonly RetiredStack[];
}

export { DECOMMISSION_ENVIRONMENT } from '../../regions/automation';

/**
 * The rollout's waves, in order: each catalogue wave (a region's infrastructure before its platform), the canary
 * alone among production, global last. Bootstrap is not rolled out. `changed` says per stack whether there is
 * anything to apply; approvals and bake come from the catalogue (`rollout`), the fast path asks approval for
 * every wave and bakes `fastPathBake` — it never skips the canary.
 */
export function rolloutPlan(catalogue: Catalogue, options: { fastPath?: boolean; changed?: (stack: string) => boolean; retired?: readonly RetiredStack[] } = {}): RolloutPlan {
  const fastPath = options.fastPath ?? false;
  const { rollout } = catalogue;
  const rows = listStacks(catalogue);
  const canaryWave = canaryOf(catalogue)?.wave;
  const waves = [...new Set(rows.map((r) => r.wave))].sort((a, b) => a - b);
  return {
    fastPath,
    comparedWithBase: options.changed !== undefined,
    retired: options.retired ?? [],
    waves: waves.map((wave) => {
      const stacks = rows.filter((r) => r.wave === wave);
      const environments = [...new Set(stacks.map((s) => s.environment))];
      const canary = wave === canaryWave;
      const bake = canary ? (fastPath ? rollout.fastPathBake : rollout.canaryBake) : '0s';
      const regions = catalogue.regions.filter((e) => e.wave === wave);
      return {
        wave,
        environments,
        canary,
        // The global stack changes production DNS: it is approved like production.
        needsApproval: fastPath || environments.some((env) => (rollout.approvals as readonly string[]).includes(env === 'global' ? 'prod' : env)),
        bakeMs: durationMs(bake),
        bake,
        checks: regions.flatMap((e) => checksOf(catalogue, e)),
        stacks: stacks.map((s) => ({ stack: s.stack, layer: s.layer, environment: s.environment, changed: options.changed?.(s.stack) ?? true })),
      };
    }),
  };
}
