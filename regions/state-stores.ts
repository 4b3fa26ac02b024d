import type { Catalogue } from './schema';

/** One S3 state store: a bucket in an account and region, with an optional lock table. */
export interface S3StoreNeed {
  readonly backend: 's3';
  /** Stable construct key: the bucket name (globally unique already). */
  readonly key: string;
  readonly account: string;
  readonly region: string;
  readonly bucket: string;
  readonly lockTable?: string;
  /** Emulator URL when the stacks using this store are sandboxes. */
  readonly sandboxUrl?: string;
}

/** One azurerm state store: a storage account and container in a subscription. */
export interface AzurermStoreNeed {
  readonly backend: 'azurerm';
  readonly key: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly location: string;
  readonly resourceGroup: string;
  readonly storageAccount: string;
  readonly container: string;
  readonly allowedIpRanges: readonly string[];
}

export type StateStoreNeed = S3StoreNeed | AzurermStoreNeed;

/**
 * The distinct state stores the catalogue's stacks point at, keyed by bucket / storage account so that adding a
 * region that shares a store adds nothing, and reordering the catalogue moves nothing.
 * @throws when two stacks name one store with different settings (validate refuses that catalogue first: see
 * `stateStoreConflicts`).
 */
export function stateStoresOf(catalogue: Catalogue): StateStoreNeed[] {
  const conflict = stateStoreConflicts(catalogue)[0];
  if (conflict) throw new Error(`${conflict.id}.state: ${conflict.message}`);
  return [...needsOf(catalogue).values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Entries that name a store another entry declares with other settings (account, region, lock table, container…):
 * one store cannot be two things. Checked by validate, so that synth never meets it.
 */
export function stateStoreConflicts(catalogue: Catalogue): { id: string; index: number | 'global'; message: string }[] {
  const out: { id: string; index: number | 'global'; message: string }[] = [];
  needsOf(catalogue, (id, index, key, firstId) => out.push({ id, index, message: `store ${key} is declared with different settings by ${firstId}; entries sharing a store must declare it alike` }));
  return out;
}

function needsOf(catalogue: Catalogue, onConflict?: (id: string, index: number | 'global', key: string, firstId: string) => void): Map<string, StateStoreNeed> {
  const stores = new Map<string, StateStoreNeed>();
  const firstBy = new Map<string, string>();
  const entries = [
    { id: 'global', index: 'global' as const, ...catalogue.global, tenantId: undefined as string | undefined },
    ...catalogue.regions.map((r, index) => ({ ...r, index })),
  ];
  for (const e of entries) {
    const s = e.state;
    const need: StateStoreNeed =
      s.backend === 's3'
        ? {
            backend: 's3',
            key: s.bucket,
            account: e.account,
            region: s.region,
            bucket: s.bucket,
            lockTable: s.lockTable,
            sandboxUrl: e.sandbox?.awsEndpoint,
          }
        : {
            backend: 'azurerm',
            key: s.storageAccount,
            subscriptionId: e.account,
            tenantId: e.tenantId ?? '',
            location: s.location ?? e.region,
            resourceGroup: s.resourceGroup,
            storageAccount: s.storageAccount,
            container: s.container,
            allowedIpRanges: s.allowedIpRanges,
          };
    const seen = stores.get(need.key);
    if (seen && JSON.stringify(seen) !== JSON.stringify(need)) {
      onConflict?.(e.id, e.index, need.key, firstBy.get(need.key) ?? '?');
      continue;
    }
    if (!seen) firstBy.set(need.key, e.id);
    stores.set(need.key, need);
  }
  return stores;
}
