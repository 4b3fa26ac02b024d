import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';

export interface AzureWorkloadIdentityProps {
  /** The identity's name; its federation is `<federationName>`. */
  readonly name: string;
  readonly federationName: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** The AKS cluster's OIDC issuer. */
  readonly issuer: string;
  /** The one Kubernetes service account that may act as the identity. */
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A user-assigned identity federated with one Kubernetes service account (Azure workload identity), as children
 * `Identity` and `Federation` of `scope` (their construct ids are part of the Terraform addresses).
 */
export function addAzureWorkloadIdentity(scope: Construct, props: AzureWorkloadIdentityProps): UserAssignedIdentity {
  const identity = new UserAssignedIdentity(scope, 'Identity', { name: props.name, location: props.location, resourceGroupName: props.resourceGroupName, tags: { ...props.tags } });
  new FederatedIdentityCredential(scope, 'Federation', {
    name: props.federationName,
    resourceGroupName: props.resourceGroupName,
    parentId: identity.id,
    issuer: props.issuer,
    subject: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
    audience: ['api://AzureADTokenExchange'],
  });
  return identity;
}
