import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ISecretStore, SecretRef } from './secret-store';

export interface AzureSecretStoreProps {
  /** The Key Vault's name and resource group. */
  readonly keyVault: { readonly name: string; readonly resourceGroup: string };
}

/** One Key Vault. */
export class AzureSecretStore extends Construct implements ISecretStore {
  public readonly cloud = 'azure' as const;
  public readonly vault: DataAzurermKeyVault;

  constructor(scope: Construct, id: string, props: AzureSecretStoreProps) {
    super(scope, id);
    this.vault = new DataAzurermKeyVault(this, 'KeyVault', { name: props.keyVault.name, resourceGroupName: props.keyVault.resourceGroup });
  }

  public secretValue(key: string, ref: SecretRef): string {
    const secret = new DataAzurermKeyVaultSecret(this, `Secret-${key}`, { name: ref.name, keyVaultId: this.vault.id });
    return ref.property ? Fn.lookup(Fn.jsondecode(secret.value), ref.property) : secret.value;
  }
}
