import { Rule } from './rule';
import { s3PublicAccessBlock } from './rules/aws/s3-public-access-block';
import { s3KmsEncryption } from './rules/aws/s3-kms-encryption';
import { s3Versioning } from './rules/aws/s3-versioning';
import { s3TlsOnly } from './rules/aws/s3-tls-only';
import { s3OwnerEnforced } from './rules/aws/s3-owner-enforced';
import { s3PreventDestroy } from './rules/aws/s3-prevent-destroy';
import { kmsRotation } from './rules/aws/kms-rotation';
import { kmsExplicitPolicy } from './rules/aws/kms-explicit-policy';
import { kmsDeletionWindow } from './rules/aws/kms-deletion-window';
import { logsRetention } from './rules/aws/logs-retention';
import { logsKms } from './rules/aws/logs-kms';
import { eksEndpointExposure } from './rules/aws/eks-endpoint-exposure';
import { eksSecretsEncryption } from './rules/aws/eks-secrets-encryption';
import { eksControlPlaneLogs } from './rules/aws/eks-control-plane-logs';
import { eksAccessEntries } from './rules/aws/eks-access-entries';
import { eksSupportedVersion } from './rules/aws/eks-supported-version';
import { eksNodeLaunchTemplate } from './rules/aws/eks-node-launch-template';
import { ec2Imdsv2 } from './rules/aws/ec2-imdsv2';
import { ec2ImdsHopLimit } from './rules/aws/ec2-imds-hop-limit';
import { ec2EbsEncrypted } from './rules/aws/ec2-ebs-encrypted';
import { asgElbHealthChecks } from './rules/aws/asg-elb-health-checks';
import { asgInstanceRefresh } from './rules/aws/asg-instance-refresh';
import { ec2NoSshKey } from './rules/aws/ec2-no-ssh-key';
import { ec2NoPublicIp } from './rules/aws/ec2-no-public-ip';
import { vmssNoPassword } from './rules/azure/vmss-no-password';
import { vmssNoPublicIp } from './rules/azure/vmss-no-public-ip';
import { vmssInstanceRepair } from './rules/azure/vmss-instance-repair';
import { vmssEncryptionAtHost } from './rules/azure/vmss-encryption-at-host';
import { rdsStorageEncrypted } from './rules/aws/rds-storage-encrypted';
import { rdsNotPublic } from './rules/aws/rds-not-public';
import { rdsManagedPassword } from './rules/aws/rds-managed-password';
import { rdsBackupRetention } from './rules/aws/rds-backup-retention';
import { rdsDeletionProtection } from './rules/aws/rds-deletion-protection';
import { rdsMultiAz } from './rules/aws/rds-multi-az';
import { rdsEnhancedMonitoring } from './rules/aws/rds-enhanced-monitoring';
import { rdsLogExports } from './rules/aws/rds-log-exports';
import { rdsPerformanceInsights } from './rules/aws/rds-performance-insights';
import { rdsMinorUpgrades } from './rules/aws/rds-minor-upgrades';
import { rdsIamAuth } from './rules/aws/rds-iam-auth';
import { sgNoInternetIngress } from './rules/aws/sg-no-internet-ingress';
import { sgRuleDescriptions } from './rules/aws/sg-rule-descriptions';
import { sgDefaultClosed } from './rules/aws/sg-default-closed';
import { vpcFlowLogs } from './rules/aws/vpc-flow-logs';
import { vpcNoPublicIpOnLaunch } from './rules/aws/vpc-no-public-ip-on-launch';
import { iamNoWildcardActions } from './rules/aws/iam-no-wildcard-actions';
import { iamNoWildcardResources } from './rules/aws/iam-no-wildcard-resources';
import { iamNoAdminAttachment } from './rules/aws/iam-no-admin-attachment';
import { iamWebIdentityScoped } from './rules/aws/iam-web-identity-scoped';
import { dynamodbDeletionProtection } from './rules/aws/dynamodb-deletion-protection';
import { dynamodbPitr } from './rules/aws/dynamodb-pitr';
import { dynamodbEncryption } from './rules/aws/dynamodb-encryption';
import { route53HttpsHealthChecks } from './rules/aws/route53-https-health-checks';
import { route53RoutedRecordsChecked } from './rules/aws/route53-routed-records-checked';
import { secretsmanagerKms } from './rules/aws/secretsmanager-kms';
import { secretsmanagerRecoveryWindow } from './rules/aws/secretsmanager-recovery-window';
import { aksLocalAccountsDisabled } from './rules/azure/aks-local-accounts-disabled';
import { aksAzureRbac } from './rules/azure/aks-azure-rbac';
import { aksApiExposure } from './rules/azure/aks-api-exposure';
import { aksNetworkPolicy } from './rules/azure/aks-network-policy';
import { aksEncryptionAtHost } from './rules/azure/aks-encryption-at-host';
import { aksAzurePolicy } from './rules/azure/aks-azure-policy';
import { aksMonitoring } from './rules/azure/aks-monitoring';
import { aksAutoUpgrade } from './rules/azure/aks-auto-upgrade';
import { aksSystemPoolDedicated } from './rules/azure/aks-system-pool-dedicated';
import { aksSecretRotation } from './rules/azure/aks-secret-rotation';
import { storageTls12 } from './rules/azure/storage-tls12';
import { storageHttpsOnly } from './rules/azure/storage-https-only';
import { storageNoPublicBlobs } from './rules/azure/storage-no-public-blobs';
import { storageNoSharedKeys } from './rules/azure/storage-no-shared-keys';
import { storageNetworkDeny } from './rules/azure/storage-network-deny';
import { storageGeoRedundant } from './rules/azure/storage-geo-redundant';
import { storageBlobRecovery } from './rules/azure/storage-blob-recovery';
import { storageContainerPrivate } from './rules/azure/storage-container-private';
import { storageStateLock } from './rules/azure/storage-state-lock';
import { postgresPrivate } from './rules/azure/postgres-private';
import { postgresBackupRetention } from './rules/azure/postgres-backup-retention';
import { postgresPasswordWriteOnly } from './rules/azure/postgres-password-write-only';
import { postgresGeoBackup } from './rules/azure/postgres-geo-backup';
import { postgresEntraAuth } from './rules/azure/postgres-entra-auth';
import { keyvaultPurgeProtection } from './rules/azure/keyvault-purge-protection';
import { keyvaultRbac } from './rules/azure/keyvault-rbac';
import { keyvaultPrivate } from './rules/azure/keyvault-private';
import { nsgInternetWebOnly } from './rules/azure/nsg-internet-web-only';
import { nsgNoAdminPorts } from './rules/azure/nsg-no-admin-ports';
import { dnsRecordTtl } from './rules/azure/dns-record-ttl';
import { dnsZoneDeleteLock } from './rules/azure/dns-zone-delete-lock';
import { route53ZonePreventDestroy } from './rules/aws/route53-zone-prevent-destroy';
import { podSecurityLabels } from './rules/kubernetes/pod-security-labels';
import { jobResources } from './rules/kubernetes/job-resources';
import { jobHardened } from './rules/kubernetes/job-hardened';
import { imagePinned } from './rules/kubernetes/image-pinned';
import { noSecretEnvLiterals } from './rules/kubernetes/no-secret-env-literals';
import { helmPinnedChart } from './rules/kubernetes/helm-pinned-chart';
import { helmAtomic } from './rules/kubernetes/helm-atomic';
import { noLiteralSecretData } from './rules/kubernetes/no-literal-secret-data';

/** Every guardrail, as data: synth and `npm run guardrails` check all of them. */
export const GUARDRAIL_PACK: readonly Rule[] = [
  s3PublicAccessBlock,
  s3KmsEncryption,
  s3Versioning,
  s3TlsOnly,
  s3OwnerEnforced,
  s3PreventDestroy,
  kmsRotation,
  kmsExplicitPolicy,
  kmsDeletionWindow,
  logsRetention,
  logsKms,
  eksEndpointExposure,
  eksSecretsEncryption,
  eksControlPlaneLogs,
  eksAccessEntries,
  eksSupportedVersion,
  eksNodeLaunchTemplate,
  ec2Imdsv2,
  ec2ImdsHopLimit,
  ec2EbsEncrypted,
  ec2NoSshKey,
  ec2NoPublicIp,
  asgElbHealthChecks,
  asgInstanceRefresh,
  rdsStorageEncrypted,
  rdsNotPublic,
  rdsManagedPassword,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsMultiAz,
  rdsEnhancedMonitoring,
  rdsLogExports,
  rdsPerformanceInsights,
  rdsMinorUpgrades,
  rdsIamAuth,
  sgNoInternetIngress,
  sgRuleDescriptions,
  sgDefaultClosed,
  vpcFlowLogs,
  vpcNoPublicIpOnLaunch,
  iamNoWildcardActions,
  iamNoWildcardResources,
  iamNoAdminAttachment,
  iamWebIdentityScoped,
  dynamodbDeletionProtection,
  dynamodbPitr,
  dynamodbEncryption,
  route53HttpsHealthChecks,
  route53RoutedRecordsChecked,
  secretsmanagerKms,
  secretsmanagerRecoveryWindow,
  aksLocalAccountsDisabled,
  aksAzureRbac,
  aksApiExposure,
  aksNetworkPolicy,
  aksEncryptionAtHost,
  vmssNoPassword,
  vmssNoPublicIp,
  vmssInstanceRepair,
  vmssEncryptionAtHost,
  aksAzurePolicy,
  aksMonitoring,
  aksAutoUpgrade,
  aksSystemPoolDedicated,
  aksSecretRotation,
  storageTls12,
  storageHttpsOnly,
  storageNoPublicBlobs,
  storageNoSharedKeys,
  storageNetworkDeny,
  storageGeoRedundant,
  storageBlobRecovery,
  storageContainerPrivate,
  storageStateLock,
  postgresPrivate,
  postgresBackupRetention,
  postgresPasswordWriteOnly,
  postgresGeoBackup,
  postgresEntraAuth,
  keyvaultPurgeProtection,
  keyvaultRbac,
  keyvaultPrivate,
  nsgInternetWebOnly,
  nsgNoAdminPorts,
  dnsRecordTtl,
  dnsZoneDeleteLock,
  route53ZonePreventDestroy,
  podSecurityLabels,
  jobResources,
  jobHardened,
  imagePinned,
  noSecretEnvLiterals,
  helmPinnedChart,
  helmAtomic,
  noLiteralSecretData,
];
