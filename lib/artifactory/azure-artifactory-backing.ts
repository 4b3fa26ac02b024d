import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { addAzureWorkloadIdentity } from '../private/workload-identity';
import { HARDENED_STORAGE_ACCOUNT, storageNetworkRules } from '../storage/hardened-storage-account';
import { INetwork } from '../network/network';
import { ARTIFACTORY_EXPORT_KEYS, IArtifactoryBacking, WorkloadIdentity } from './artifactory-backing';
import { ARTIFACTORY_POSTGRES_VERSION } from './aws-artifactory-backing';

export interface AzureArtifactoryBackingProps extends WorkloadIdentity {
  /** Name prefix of every resource, e.g. `kore-prod-weu-artifactory`. */
  readonly name: string;
  readonly location: string;
  readonly tenantId: string;
  /** The region's network; the database's private endpoint goes into `databaseTier`. */
  readonly network: INetwork;
  /** The AKS cluster's OIDC issuer URL (workload identity federation). */
  readonly oidcIssuerUrl: string;
  /** The Key Vault that holds the database password and the Artifactory secrets. */
  readonly keyVault: { readonly name: string; readonly resourceGroup: string };
  /** Storage account name, 3-24 lowercase letters or digits. */
  readonly storageAccountName: string;
  /** @default 'intra' */
  readonly databaseTier?: string;
  /** @default 'GP_Standard_D4ds_v5' */
  readonly databaseSku?: string;
  /** @default 128 */
  readonly databaseStorageGb?: number;
  /** Zone-redundant standby. @default false */
  readonly databaseHighAvailability?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Refuse `terraform destroy` of the filestore account (prevent_destroy). False while the region is being
   * decommissioned.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A private endpoint for one resource in a subnet of the network, with the private DNS zone that resolves its name
 * there and the zone's link to the VNet. Construct ids `<id>Dns`, `<id>DnsLink`, `<id>Endpoint`.
 */
function addPrivateAccess(
  scope: Construct,
  id: string,
  p: { name: string; suffix: string; location: string; resourceGroupName: string; networkId: string; dnsZone: string; subnetId: string; resourceId: string; subresource: string; dnsGroup: string; tags: Record<string, string> },
): void {
  const dns = new PrivateDnsZone(scope, `${id}Dns`, { name: p.dnsZone, resourceGroupName: p.resourceGroupName, tags: p.tags });
  new PrivateDnsZoneVirtualNetworkLink(scope, `${id}DnsLink`, { name: `${p.name}-${p.suffix}`, resourceGroupName: p.resourceGroupName, privateDnsZoneName: dns.name, virtualNetworkId: p.networkId, tags: p.tags });
  new PrivateEndpoint(scope, `${id}Endpoint`, {
    name: `${p.name}-${p.suffix}`,
    location: p.location,
    resourceGroupName: p.resourceGroupName,
    subnetId: p.subnetId,
    privateServiceConnection: { name: `${p.name}-${p.suffix}`, privateConnectionResourceId: p.resourceId, subresourceNames: [p.subresource], isManualConnection: false },
    privateDnsZoneGroup: { name: p.dnsGroup, privateDnsZoneIds: [dns.id] },
    tags: p.tags,
  });
}

/** Key Vault secret holding the PostgreSQL administrator password. */
export const DATABASE_PASSWORD_SECRET = 'artifactory-db-password';

/**
 * Artifactory's Azure backing: PostgreSQL Flexible Server reachable only through a private endpoint (password from
 * Key Vault, passed write-only so it is not even kept in state), a private blob container reachable only through
 * a private endpoint in the cluster's tier (no public endpoint), and a user-assigned
 * identity federated with the Artifactory service account (workload identity) holding Storage Blob Data
 * Contributor on that container only. No storage account key is used.
 */
export class AzureArtifactoryBacking extends Construct implements IArtifactoryBacking {
  public readonly cloud = 'azure' as const;
  public readonly exports: Readonly<Record<(typeof ARTIFACTORY_EXPORT_KEYS.azure)[number], string>>;
  public readonly server: PostgresqlFlexibleServer;
  public readonly identity: UserAssignedIdentity;
  private readonly vault: DataAzurermKeyVault;
  private readonly password: DataAzurermKeyVaultSecret;

  constructor(scope: Construct, id: string, props: AzureArtifactoryBackingProps) {
    super(scope, id);
    const tier = props.databaseTier ?? 'intra';
    if (!props.network.tierNames.includes(tier)) throw new Error(`databaseTier: the network has no tier "${tier}" (it has ${props.network.tierNames.join(', ')})`);
    if (!/^[a-z0-9]{3,24}$/.test(props.storageAccountName)) throw new Error(`storageAccountName: 3-24 lowercase letters or digits (got "${props.storageAccountName}")`);
    const tags = { ...props.tags };
    const group = new ResourceGroup(this, 'ResourceGroup', { name: `${props.name}`, location: props.location, tags });
    this.vault = new DataAzurermKeyVault(this, 'KeyVault', { name: props.keyVault.name, resourceGroupName: props.keyVault.resourceGroup });
    this.password = new DataAzurermKeyVaultSecret(this, 'DatabasePassword', { name: DATABASE_PASSWORD_SECRET, keyVaultId: this.vault.id });

    this.server = new PostgresqlFlexibleServer(this, 'Database', {
      name: `${props.name}-db`,
      resourceGroupName: group.name,
      location: props.location,
      version: ARTIFACTORY_POSTGRES_VERSION,
      skuName: props.databaseSku ?? 'GP_Standard_D4ds_v5',
      storageMb: (props.databaseStorageGb ?? 128) * 1024,
      autoGrowEnabled: true,
      zone: '1',
      highAvailability: props.databaseHighAvailability ? { mode: 'ZoneRedundant', standbyAvailabilityZone: '2' } : undefined,
      publicNetworkAccessEnabled: false,
      administratorLogin: 'artifactory',
      administratorPasswordWo: this.password.value,
      // Bump to push a rotated Key Vault password to the server.
      administratorPasswordWoVersion: 1,
      authentication: { passwordAuthEnabled: true, activeDirectoryAuthEnabled: true, tenantId: props.tenantId },
      backupRetentionDays: 14,
      tags,
    });
    new PostgresqlFlexibleServerDatabase(this, 'ArtifactoryDb', { name: 'artifactory', serverId: this.server.id, charset: 'UTF8', collation: 'en_US.utf8' });
    const privately = { name: props.name, location: props.location, resourceGroupName: group.name, networkId: props.network.networkId, tags };
    addPrivateAccess(this, 'Database', { ...privately, suffix: 'db', dnsZone: 'privatelink.postgres.database.azure.com', subnetId: props.network.subnets(tier)[0].subnetId, resourceId: this.server.id, subresource: 'postgresqlServer', dnsGroup: 'postgres' });

    const account = new StorageAccount(this, 'Filestore', {
      name: props.storageAccountName,
      resourceGroupName: group.name,
      location: props.location,
      ...HARDENED_STORAGE_ACCOUNT,
      // No public endpoint: the cluster's pods reach the filestore through a private endpoint in their own tier;
      // Terraform manages the account and its container through Resource Manager, which this does not close.
      publicNetworkAccessEnabled: false,
      networkRules: storageNetworkRules({}),
      blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 14 } },
      tags,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const container = new StorageContainer(this, 'FilestoreContainer', { name: 'artifactory', storageAccountId: account.id, containerAccessType: 'private' });
    addPrivateAccess(this, 'Filestore', { ...privately, suffix: 'filestore', dnsZone: 'privatelink.blob.core.windows.net', subnetId: props.network.subnets('private')[0].subnetId, resourceId: account.id, subresource: 'blob', dnsGroup: 'blob' });

    this.identity = addAzureWorkloadIdentity(this, {
      name: `${props.name}-filestore`,
      federationName: `${props.name}-k8s`,
      location: props.location,
      resourceGroupName: group.name,
      issuer: props.oidcIssuerUrl,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      tags,
    });
    new RoleAssignment(this, 'FilestoreAccess', {
      scope: container.resourceManagerId,
      roleDefinitionName: 'Storage Blob Data Contributor',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    this.exports = {
      account_name: account.name,
      blob_endpoint: account.primaryBlobEndpoint,
      identity_client_id: this.identity.clientId,
      db_fqdn: this.server.fqdn,
      db_password_secret: DATABASE_PASSWORD_SECRET,
    };
  }
}
