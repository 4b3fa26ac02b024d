import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';

export interface RegionalAzureProviderProps {
  /** Subscription the stack deploys into. */
  readonly subscriptionId: string;
  /** Entra ID tenant of the subscription. */
  readonly tenantId: string;
  /**
   * Provider alias.
   * @default - the default provider
   */
  readonly alias?: string;
}

/**
 * An azurerm provider pinned to one subscription. Authentication is OIDC federation (CI) or the Azure CLI
 * (engineers); storage data-plane calls use Entra ID instead of account keys.
 */
export function regionalAzureProvider(scope: Construct, id: string, props: RegionalAzureProviderProps): AzurermProvider {
  return new AzurermProvider(scope, id, {
    alias: props.alias,
    subscriptionId: props.subscriptionId,
    tenantId: props.tenantId,
    storageUseAzuread: true,
    // azurerm refuses to run without a features block; the defaults are what we want except key vault purge,
    // which must never happen implicitly in production.
    features: [{ keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }] }],
  });
}
