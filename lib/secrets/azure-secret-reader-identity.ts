import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { addAzureWorkloadIdentity } from '../private/workload-identity';

export interface AzureSecretReaderIdentityProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** The AKS cluster's OIDC issuer (workload identity federation). */
  readonly oidcIssuerUrl: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The Key Vault it may read secrets of (and nothing else). */
  readonly keyVault: { readonly name: string; readonly resourceGroup: string };
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A user-assigned identity federated with one Kubernetes service account, holding Key Vault Secrets User on one
 * vault only — for the External Secrets Operator.
 */
export class AzureSecretReaderIdentity extends Construct {
  public readonly identity: UserAssignedIdentity;
  public readonly vaultUri: string;

  constructor(scope: Construct, id: string, props: AzureSecretReaderIdentityProps) {
    super(scope, id);
    const tags = { ...props.tags };
    const vault = new DataAzurermKeyVault(this, 'KeyVault', { name: props.keyVault.name, resourceGroupName: props.keyVault.resourceGroup });
    this.vaultUri = vault.vaultUri;
    this.identity = addAzureWorkloadIdentity(this, {
      name: props.name,
      federationName: `${props.name}-k8s`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      issuer: props.oidcIssuerUrl,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      tags,
    });
    new RoleAssignment(this, 'ReadSecrets', {
      scope: vault.id,
      roleDefinitionName: 'Key Vault Secrets User',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
