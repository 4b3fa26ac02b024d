import { readStackJson, stackResources, SynthesizedStackResource, synthesizedStackNames } from '../../lib/synthesized/synthesized-output';
import { UsageError } from '../errors';

/**
 * What stops `terraform destroy` of a resource by design, as data: the two-step decommission lifts each of them
 * (`decommission: true` on the entry) before the entry is removed.
 */
export const DESTROY_PROTECTIONS: readonly { readonly name: string; readonly applies: (r: SynthesizedStackResource) => boolean }[] = [
  { name: 'prevent_destroy', applies: (r) => (r.config.lifecycle as { prevent_destroy?: unknown } | undefined)?.prevent_destroy === true },
  { name: 'deletion protection', applies: (r) => r.config.deletion_protection === true || r.config.deletion_protection_enabled === true },
  { name: 'a delete lock', applies: (r) => r.type === 'azurerm_management_lock' },
];

/** A stack that was deployed and is gone from the catalogue: the rollout destroys it. */
export interface RetiredStack {
  readonly stack: string;
  /** Platform stacks are destroyed before the infrastructure stacks their cluster lives in. */
  readonly layer: 'infrastructure' | 'platform';
  readonly environment: string;
  readonly cloud: 'aws' | 'azure';
  /** AWS region; empty for Azure (the login needs none). */
  readonly region: string;
  /** AWS account or Azure subscription. */
  readonly account: string;
  readonly tenantId?: string;
  /** Resources its last deployed configuration declares. */
  readonly resources: number;
  /** Resources whose protection refuses the destroy, `address (why)`; empty once the entry was decommissioned. */
  readonly protectedResources: readonly string[];
}

/** Stacks never rolled out by waves, so never retired by one. */
const NOT_ROLLED_OUT = /^(bootstrap|bootstrap-.*)$/;

/**
 * The stacks of the last deployed output that the head no longer has, platform stacks first. `headStacks` are the
 * head catalogue's stack names.
 */
export function retiredStacks(lastDeployedOut: string, headStacks: ReadonlySet<string>): RetiredStack[] {
  const gone = synthesizedStackNames(lastDeployedOut).filter((s) => !headStacks.has(s) && !NOT_ROLLED_OUT.test(s) && s !== 'global');
  const retired = gone.map((s) => retiredStackOf(lastDeployedOut, s));
  return [...retired.filter((r) => r.layer === 'platform'), ...retired.filter((r) => r.layer === 'infrastructure')];
}

function retiredStackOf(outdir: string, stack: string): RetiredStack {
  const json = readStackJson(outdir, stack);
  if (!json) throw new UsageError(`${stack}: not in the last deployed output ${outdir}`);
  const provider = (json.provider ?? {}) as Record<string, Record<string, unknown>[] | undefined>;
  const layer = provider.kubernetes || provider.helm ? 'platform' : 'infrastructure';
  const aws = provider.aws?.[0];
  const azure = provider.azurerm?.[0];
  const resources = stackResources(json, 'address');
  return {
    stack,
    layer,
    environment: stack.split('-')[0],
    cloud: azure && !aws ? 'azure' : 'aws',
    region: typeof aws?.region === 'string' ? aws.region : '',
    account: (aws?.allowed_account_ids as string[] | undefined)?.[0] ?? (typeof azure?.subscription_id === 'string' ? azure.subscription_id : ''),
    tenantId: typeof azure?.tenant_id === 'string' ? azure.tenant_id : undefined,
    resources: resources.length,
    protectedResources: resources.flatMap((r) => {
      const by = DESTROY_PROTECTIONS.filter((p) => p.applies(r)).map((p) => p.name);
      return by.length > 0 ? [`${r.address} (${by.join(', ')})`] : [];
    }),
  };
}

/**
 * Refuses retiring stacks that are still protected, in one line: the entry must first be marked
 * `decommission: true` for one release.
 */
export function assertDecommissionable(retired: readonly RetiredStack[]): void {
  const blocked = retired.filter((r) => r.protectedResources.length > 0);
  if (blocked.length === 0) return;
  const first = blocked[0];
  throw new UsageError(
    `${blocked.map((b) => b.stack).join(', ')}: removed from the catalogue while ${first.protectedResources.length} resource(s) refuse deletion (${first.protectedResources.slice(0, 2).join(', ')}${first.protectedResources.length > 2 ? ', …' : ''}); put the entry back with "decommission": true for one release, then remove it`,
  );
}
