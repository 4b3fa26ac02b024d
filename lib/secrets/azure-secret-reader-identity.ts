import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { CloudName } from '../cloud/name-rules';

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

/** The cloud names an AzureSecretReaderIdentity creates. */
export function azureSecretReaderCloudNames(name: string): CloudName[] {
  return [{ kind: 'managed-identity', name }];
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
    this.identity = new UserAssignedIdentity(this, 'Identity', { name: props.name, location: props.location, resourceGroupName: props.resourceGroupName, tags });
    new FederatedIdentityCredential(this, 'Federation', {
      name: `${props.name}-k8s`,
      resourceGroupName: props.resourceGroupName,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
      audience: ['api://AzureADTokenExchange'],
    });
    new RoleAssignment(this, 'ReadSecrets', {
      scope: vault.id,
      roleDefinitionName: 'Key Vault Secrets User',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
