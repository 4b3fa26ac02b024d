import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { HARDENED_STORAGE_ACCOUNT, storageNetworkRules } from '../storage/hardened-storage-account';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';

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
  /**
   * Address ranges that may reach the account — the egress addresses of the self-hosted runners the Azure stacks'
   * jobs run on (GitHub-hosted runners have no fixed addresses, so they are never admitted); every other network is
   * denied. With none, the public endpoint is closed altogether (reach it through a private endpoint).
   * @default [] - no public network access
   */
  readonly allowedIpRanges?: readonly string[];
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
      // Terraform on the runners reads and locks state through the blob endpoint: public only for the named runners.
      publicNetworkAccessEnabled: (props.allowedIpRanges ?? []).length > 0,
      networkRules: storageNetworkRules({ ipRanges: props.allowedIpRanges }),
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: 30 },
        containerDeleteRetentionPolicy: { days: 30 },
      },
      tags: { ...props.tags },
      lifecycle: { preventDestroy },
    });
    // The only copy of every stack's state: deleting the account (or its resource group) must take two decisions.
    new ManagementLock(this, 'DeleteLock', {
      provider,
      name: 'terraform-state',
      scope: this.account.id,
      lockLevel: 'CanNotDelete',
      notes: 'Holds the Terraform state of every stack in this subscription.',
    });
    this.container = new StorageContainer(this, 'Container', {
      provider,
      name: props.containerName,
      storageAccountId: this.account.id,
      containerAccessType: 'private',
    });
  }
}
