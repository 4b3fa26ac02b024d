import type { Catalogue } from '../regions/schema';

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
 * @throws when two stacks name one store with different settings (lock table, container, account).
 */
export function stateStoresOf(catalogue: Catalogue): StateStoreNeed[] {
  const stores = new Map<string, StateStoreNeed>();
  const entries = [
    { id: 'global', ...catalogue.global, tenantId: undefined as string | undefined },
    ...catalogue.regions,
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
      throw new Error(`${e.id}.state: store ${need.key} is declared with different settings elsewhere in the catalogue`);
    }
    stores.set(need.key, need);
  }
  return [...stores.values()].sort((a, b) => a.key.localeCompare(b.key));
}
