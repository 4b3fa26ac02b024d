/**
 * Resource types whose destroy or replacement a reviewer must see before merging: they hold data, serve traffic,
 * or other stacks depend on them. A rule is data (cdk-nag style): add a type here, not a branch in the report.
 */
export interface CriticalRule {
  readonly id: string;
  /** Why losing one hurts, shown in the ⚠ section. */
  readonly reason: string;
  readonly types: readonly string[];
}

export const CRITICAL_RULES: readonly CriticalRule[] = [
  {
    id: 'database',
    reason: 'database: data loss',
    types: ['aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_dynamodb_table', 'aws_elasticache_replication_group', 'azurerm_postgresql_flexible_server', 'azurerm_postgresql_flexible_server_database', 'azurerm_mssql_database', 'azurerm_cosmosdb_account'],
  },
  {
    id: 'storage',
    reason: 'storage: data loss',
    types: ['aws_s3_bucket', 'aws_efs_file_system', 'aws_ebs_volume', 'azurerm_storage_account', 'azurerm_storage_container', 'azurerm_managed_disk'],
  },
  {
    id: 'cluster',
    reason: 'Kubernetes cluster: every workload on it goes down',
    types: ['aws_eks_cluster', 'azurerm_kubernetes_cluster'],
  },
  {
    id: 'node-pool',
    reason: 'node pool: workloads are evicted',
    types: ['aws_eks_node_group', 'azurerm_kubernetes_cluster_node_pool'],
  },
  {
    id: 'dns-zone',
    reason: 'DNS zone: name servers change, delegations break',
    types: ['aws_route53_zone', 'azurerm_dns_zone', 'azurerm_private_dns_zone'],
  },
  {
    id: 'encryption-key',
    reason: 'encryption key: data encrypted with it becomes unreadable',
    types: ['aws_kms_key', 'azurerm_key_vault', 'azurerm_key_vault_key'],
  },
  {
    id: 'network',
    reason: 'network: everything inside it is replaced or cut off',
    types: ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_eip', 'azurerm_virtual_network', 'azurerm_subnet', 'azurerm_public_ip'],
  },
  {
    id: 'identity',
    reason: 'identity: workloads and people lose access',
    types: ['aws_iam_openid_connect_provider', 'aws_iam_role', 'azurerm_user_assigned_identity', 'azurerm_federated_identity_credential'],
  },
  {
    id: 'access',
    reason: 'access: whatever depends on this grant loses permission (pipelines included)',
    types: ['azurerm_role_assignment', 'azurerm_role_definition', 'aws_eks_access_entry', 'aws_eks_access_policy_association', 'aws_iam_role_policy_attachment'],
  },
  {
    id: 'vm-group',
    reason: 'VM service group: its instances are terminated and the service is down until a new group serves',
    types: ['aws_autoscaling_group', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  },
  {
    id: 'resource-group',
    reason: 'resource group: everything inside it is deleted with it',
    types: ['azurerm_resource_group'],
  },
  {
    id: 'kubernetes-namespace',
    reason: 'namespace: every object in it, persistent volumes included, is deleted with it',
    types: ['kubernetes_namespace_v1', 'kubernetes_namespace'],
  },
  {
    id: 'helm-release',
    reason: 'Helm release: the workload and everything the chart created are uninstalled',
    types: ['helm_release'],
  },
];

/** The rule a resource type falls under, if any. */
export function criticalRuleFor(type: string): CriticalRule | undefined {
  return CRITICAL_RULES.find((r) => r.types.includes(type));
}

/**
 * In-place changes the cloud rolls out by replacing instances one batch at a time, as data: a reviewer sees a
 * rolling replacement, not a destroy, and not a harmless update either.
 */
export const ROLLING_RULES: readonly { readonly types: readonly string[]; readonly attributes: readonly string[]; readonly note: string }[] = [
  { types: ['aws_launch_template'], attributes: ['image_id', 'instance_type', 'user_data'], note: "rolling replacement: the group's instance refresh replaces its instances in batches, keeping capacity, rolling back on failure" },
  { types: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'], attributes: ['source_image_id', 'source_image_reference', 'sku', 'custom_data'], note: "rolling replacement: the scale set's rolling upgrade moves its instances in batches, each waiting for the health probe" },
];

/** The rolling-replacement note of an update that changes these attribute paths, if any. */
export function rollingNoteFor(type: string, changedPaths: readonly string[]): string | undefined {
  return ROLLING_RULES.find((r) => r.types.includes(type) && changedPaths.some((p) => r.attributes.some((a) => p === a || p.startsWith(`${a}[`) || p.startsWith(`${a}.`))))?.note;
}
