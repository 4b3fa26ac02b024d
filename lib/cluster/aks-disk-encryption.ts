import { DiskEncryptionSet } from '@cdktf/provider-azurerm/lib/disk-encryption-set';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

export interface AksDiskEncryptionProps {
  /** Key Vault name (3-24 characters, globally unique). */
  readonly vaultName: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Node OS and data disks under a customer-managed key: a Key Vault of the cluster's own (RBAC, purge protection, no
 * public network access but for trusted Azure services — the disk service is one), a rotating RSA key, and a disk
 * encryption set whose identity may only wrap and unwrap with that key. AKS takes the set's id at creation.
 */
export class AksDiskEncryption extends Construct {
  public readonly diskEncryptionSet: DiskEncryptionSet;
  public readonly vault: KeyVault;

  constructor(scope: Construct, id: string, props: AksDiskEncryptionProps) {
    super(scope, id);
    const tags = { ...props.tags };
    this.vault = new KeyVault(this, 'Vault', {
      name: props.vaultName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: props.tenantId,
      skuName: 'premium',
      enableRbacAuthorization: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      tags,
    });
    const key = new KeyVaultKey(this, 'Key', {
      name: 'node-disks',
      keyVaultId: this.vault.id,
      keyType: 'RSA-HSM',
      keySize: 3072,
      keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: { automatic: { timeBeforeExpiry: 'P30D' }, expireAfter: 'P1Y', notifyBeforeExpiry: 'P29D' },
    });
    this.diskEncryptionSet = new DiskEncryptionSet(this, 'Set', {
      name: `${props.vaultName}-set`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      keyVaultKeyId: key.versionlessId,
      // New key versions are taken up without a change here.
      autoKeyRotationEnabled: true,
      encryptionType: 'EncryptionAtRestWithCustomerKey',
      identity: { type: 'SystemAssigned' },
      tags,
    });
    new RoleAssignment(this, 'SetUsesKey', {
      scope: key.resourceVersionlessId,
      roleDefinitionName: 'Key Vault Crypto Service Encryption User',
      principalId: this.diskEncryptionSet.identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
