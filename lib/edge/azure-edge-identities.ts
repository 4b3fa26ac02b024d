import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { addAzureWorkloadIdentity } from '../private/workload-identity';
import { EDGE_SERVICE_ACCOUNTS } from './service-accounts';

export interface AzureEdgeIdentitiesProps {
  /** Name prefix: `<prefix>-cert-manager`, `<prefix>-external-dns`. */
  readonly prefix: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** The AKS cluster's OIDC issuer (workload identity federation). */
  readonly oidcIssuerUrl: string;
  /** Resource id of the region's DNS zone: the only zone either may write to. */
  readonly zoneId: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Record types each writer may change: cert-manager answers ACME challenges, external-dns publishes services. */
const RECORD_TYPES = { 'cert-manager': ['TXT'], 'external-dns': ['A', 'AAAA', 'CNAME', 'TXT'] } as const;

/**
 * Workload identities of cert-manager and external-dns on AKS, each holding a custom role on the region's DNS zone
 * that writes only its record types (the built-in DNS Zone Contributor could also rewrite NS records and the zone).
 * AKS needs no load balancer controller of ours: its cloud provider builds the Standard Load Balancer.
 */
export class AzureEdgeIdentities extends Construct {
  public readonly certManager: UserAssignedIdentity;
  public readonly externalDns: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: AzureEdgeIdentitiesProps) {
    super(scope, id);
    const writer = (cid: string, suffix: keyof typeof RECORD_TYPES, sa: { namespace: string; serviceAccount: string }) => {
      const holder = new Construct(this, cid);
      const name = `${props.prefix}-${suffix}`;
      const identity = addAzureWorkloadIdentity(holder, {
        name,
        federationName: `${name}-k8s`,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        issuer: props.oidcIssuerUrl,
        namespace: sa.namespace,
        serviceAccount: sa.serviceAccount,
        tags: { ...props.tags },
      });
      const role = new RoleDefinition(holder, 'Role', {
        name: `${name}-dns-records`,
        scope: props.zoneId,
        description: `${suffix} writes ${RECORD_TYPES[suffix].join(', ')} records of this zone only`,
        permissions: [{ actions: ['Microsoft.Network/dnsZones/read', ...RECORD_TYPES[suffix].map((t) => `Microsoft.Network/dnsZones/${t}/*`)] }],
        assignableScopes: [props.zoneId],
      });
      new RoleAssignment(holder, 'Assignment', { scope: props.zoneId, roleDefinitionId: role.roleDefinitionResourceId, principalId: identity.principalId, principalType: 'ServicePrincipal' });
      return identity;
    };
    this.certManager = writer('CertManager', 'cert-manager', EDGE_SERVICE_ACCOUNTS.certManager);
    this.externalDns = writer('ExternalDns', 'external-dns', EDGE_SERVICE_ACCOUNTS.externalDns);
  }
}
