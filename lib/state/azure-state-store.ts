import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { HARDENED_STORAGE_ACCOUNT } from '../storage/hardened-storage-account';

export interface AzureStateStoreProps {
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Provider of the subscription the store lives in.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Refuse `terraform destroy` of the account: losing it loses every stack's state.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A storage account and private container for azurerm backends: TLS 1.2 minimum, HTTPS only, no public blob
 * access, no shared keys (Entra ID auth only), versioning and soft delete so an overwritten state can be recovered.
 */
export class AzureStateStore extends Construct {
  public readonly account: StorageAccount;
  public readonly container: StorageContainer;

  constructor(scope: Construct, id: string, props: AzureStateStoreProps) {
    super(scope, id);
    const { provider } = props;
    const preventDestroy = props.preventDestroy ?? true;
    const group = new ResourceGroup(this, 'ResourceGroup', {
      provider,
      name: props.resourceGroupName,
      location: props.location,
      tags: { ...props.tags },
    });
    this.account = new StorageAccount(this, 'Account', {
      provider,
      name: props.storageAccountName,
      resourceGroupName: group.name,
      location: group.location,
      ...HARDENED_STORAGE_ACCOUNT,
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: 30 },
        containerDeleteRetentionPolicy: { days: 30 },
      },
      tags: { ...props.tags },
      lifecycle: { preventDestroy },
    });
    this.container = new StorageContainer(this, 'Container', {
      provider,
      name: props.containerName,
      storageAccountId: this.account.id,
      containerAccessType: 'private',
    });
  }
}
