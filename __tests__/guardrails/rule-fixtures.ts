/**
 * A compliant and a non-compliant case for every rule of the pack: the resource under test is `<type>.subject`;
 * `with` adds other resources of the stack (those that reference the subject, for rules that look at them).
 */
export interface RuleFixture {
  readonly type: string;
  readonly good: Record<string, unknown>;
  readonly bad: Record<string, unknown>;
  /** Other resources, for the good and the bad case: type → name → config. */
  readonly goodWith?: Record<string, Record<string, unknown>>;
  readonly badWith?: Record<string, Record<string, unknown>>;
}

const ref = (type: string, attr = 'id') => `\${${type}.subject.${attr}}`;
const s3 = (extra: Record<string, Record<string, unknown>>) => extra;
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const job = (container: Record<string, unknown>) => ({ metadata: { name: 'j' }, spec: { template: { spec: { container: [{ name: 'c', image: 'python@sha256:' + 'a'.repeat(64), ...container }] } } } });
const hardenedContainer = { resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } }, security_context: { allow_privilege_escalation: false, capabilities: { drop: ['ALL'] } } };

export const RULE_FIXTURES: Readonly<Record<string, RuleFixture>> = {
  'AWS-S3-001': {
    type: 'aws_s3_bucket', good: {}, bad: {},
    goodWith: s3({ aws_s3_bucket_public_access_block: { pab: { bucket: ref('aws_s3_bucket'), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } } }),
    badWith: s3({ aws_s3_bucket_public_access_block: { pab: { bucket: ref('aws_s3_bucket'), block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true } } }),
  },
  'AWS-S3-002': {
    type: 'aws_s3_bucket', good: {}, bad: {},
    goodWith: { aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: ref('aws_s3_bucket'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] } } },
    badWith: { aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: ref('aws_s3_bucket'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } } },
  },
  'AWS-S3-003': {
    type: 'aws_s3_bucket', good: {}, bad: {},
    goodWith: { aws_s3_bucket_versioning: { v: { bucket: ref('aws_s3_bucket'), versioning_configuration: { status: 'Enabled' } } } },
    badWith: { aws_s3_bucket_versioning: { v: { bucket: ref('aws_s3_bucket'), versioning_configuration: { status: 'Suspended' } } } },
  },
  'AWS-S3-004': {
    type: 'aws_s3_bucket', good: {}, bad: {},
    goodWith: { aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket'), policy: doc([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]) } } },
    badWith: { aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket'), policy: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }]) } } },
  },
  'AWS-S3-005': {
    type: 'aws_s3_bucket', good: {}, bad: {},
    goodWith: { aws_s3_bucket_ownership_controls: { o: { bucket: ref('aws_s3_bucket'), rule: { object_ownership: 'BucketOwnerEnforced' } } } },
    badWith: { aws_s3_bucket_ownership_controls: { o: { bucket: ref('aws_s3_bucket'), rule: { object_ownership: 'ObjectWriter' } } } },
  },
  'AWS-S3-006': { type: 'aws_s3_bucket', good: { lifecycle: { prevent_destroy: true } }, bad: {} },
  'AWS-KMS-001': { type: 'aws_kms_key', good: { enable_key_rotation: true }, bad: { enable_key_rotation: false } },
  'AWS-KMS-002': { type: 'aws_kms_key', good: { policy: doc([]) }, bad: {} },
  'AWS-KMS-003': { type: 'aws_kms_key', good: { deletion_window_in_days: 30 }, bad: { deletion_window_in_days: 7 } },
  'AWS-LOGS-001': { type: 'aws_cloudwatch_log_group', good: { retention_in_days: 90 }, bad: {} },
  'AWS-LOGS-002': { type: 'aws_cloudwatch_log_group', good: { kms_key_id: '${aws_kms_key.k.arn}' }, bad: {} },
  'AWS-EKS-001': {
    type: 'aws_eks_cluster',
    good: { vpc_config: { endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] } },
    bad: { vpc_config: { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/1', '128.0.0.0/1'] } },
  },
  'AWS-EKS-002': {
    type: 'aws_eks_cluster',
    good: { encryption_config: { resources: ['secrets'], provider: { key_arn: '${aws_kms_key.k.arn}' } } },
    bad: {},
  },
  'AWS-EKS-003': { type: 'aws_eks_cluster', good: { enabled_cluster_log_types: ['api', 'audit', 'authenticator'] }, bad: { enabled_cluster_log_types: ['api'] } },
  'AWS-EKS-004': {
    type: 'aws_eks_cluster',
    good: { access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false } },
    bad: { access_config: { authentication_mode: 'CONFIG_MAP' } },
  },
  'AWS-EKS-005': { type: 'aws_eks_cluster', good: { version: '1.31' }, bad: { version: '1.24' } },
  'AWS-EKS-006': { type: 'aws_eks_node_group', good: { launch_template: { id: 'lt' } }, bad: {} },
  'AWS-EC2-001': { type: 'aws_launch_template', good: { metadata_options: { http_tokens: 'required' } }, bad: { metadata_options: { http_tokens: 'optional' } } },
  'AWS-EC2-002': { type: 'aws_launch_template', good: { metadata_options: { http_put_response_hop_limit: 1 } }, bad: { metadata_options: { http_put_response_hop_limit: 2 } } },
  'AWS-EC2-003': {
    type: 'aws_launch_template',
    good: { block_device_mappings: [{ ebs: { encrypted: 'true' } }] },
    bad: { block_device_mappings: [{ ebs: { encrypted: 'false' } }] },
  },
  'AWS-EC2-004': { type: 'aws_launch_template', good: {}, bad: { key_name: 'ops-shared' } },
  'AWS-EC2-005': {
    type: 'aws_launch_template',
    good: { network_interfaces: [{ associate_public_ip_address: 'false' }] },
    bad: { network_interfaces: [{ associate_public_ip_address: 'true' }] },
  },
  'AWS-ASG-001': { type: 'aws_autoscaling_group', good: { target_group_arns: ['arn:tg'], health_check_type: 'ELB' }, bad: { target_group_arns: ['arn:tg'], health_check_type: 'EC2' } },
  'AWS-ASG-002': {
    type: 'aws_autoscaling_group',
    good: { instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 90, auto_rollback: true } } },
    bad: { instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 90 } } },
  },
  'AWS-RDS-001': { type: 'aws_db_instance', good: { storage_encrypted: true }, bad: { storage_encrypted: false } },
  'AWS-RDS-002': { type: 'aws_db_instance', good: {}, bad: { publicly_accessible: true } },
  'AWS-RDS-003': { type: 'aws_db_instance', good: { manage_master_user_password: true }, bad: { password: 'hunter2hunter2' } },
  'AWS-RDS-004': { type: 'aws_db_instance', good: { backup_retention_period: 14 }, bad: { backup_retention_period: 1 } },
  'AWS-RDS-005': { type: 'aws_db_instance', good: { deletion_protection: true }, bad: {} },
  'AWS-RDS-006': { type: 'aws_db_instance', good: { multi_az: true }, bad: { multi_az: false } },
  'AWS-RDS-007': { type: 'aws_db_instance', good: { monitoring_interval: 60, monitoring_role_arn: '${aws_iam_role.m.arn}' }, bad: { monitoring_interval: 0 } },
  'AWS-RDS-008': { type: 'aws_db_instance', good: { engine: 'postgres', enabled_cloudwatch_logs_exports: ['postgresql'] }, bad: { engine: 'postgres' } },
  'AWS-RDS-009': { type: 'aws_db_instance', good: { performance_insights_enabled: true, performance_insights_kms_key_id: '${aws_kms_key.k.arn}' }, bad: { performance_insights_enabled: true } },
  'AWS-RDS-010': { type: 'aws_db_instance', good: { auto_minor_version_upgrade: true }, bad: { auto_minor_version_upgrade: false } },
  'AWS-RDS-011': { type: 'aws_db_instance', good: { iam_database_authentication_enabled: true }, bad: {} },
  'AWS-SG-001': {
    type: 'aws_security_group',
    good: { ingress: [{ cidr_blocks: ['10.0.0.0/16'], description: 'vpc' }] },
    bad: { ingress: [{ cidr_blocks: ['0.0.0.0/1', '128.0.0.0/1'], description: 'sneaky' }] },
  },
  'AWS-SG-002': { type: 'aws_security_group', good: { ingress: [{ description: 'from the VPC' }] }, bad: { ingress: [{ cidr_blocks: ['10.0.0.0/8'] }] } },
  'AWS-SG-003': {
    type: 'aws_vpc', good: {}, bad: {},
    goodWith: { aws_default_security_group: { d: { vpc_id: ref('aws_vpc'), ingress: [], egress: [] } } },
    badWith: { aws_default_security_group: { d: { vpc_id: ref('aws_vpc'), ingress: [{ protocol: '-1' }], egress: [] } } },
  },
  'AWS-VPC-001': { type: 'aws_vpc', good: {}, bad: {}, goodWith: { aws_flow_log: { f: { vpc_id: ref('aws_vpc') } } }, badWith: {} },
  'AWS-VPC-002': { type: 'aws_subnet', good: { map_public_ip_on_launch: false }, bad: { map_public_ip_on_launch: true } },
  'AWS-IAM-001': {
    type: 'aws_iam_role_policy',
    good: { policy: doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }]) },
    bad: { policy: doc([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }]) },
  },
  'AWS-IAM-002': {
    type: 'aws_iam_role_policy',
    good: { policy: doc([{ Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: '*' }]) },
    bad: { policy: doc([{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }]) },
  },
  'AWS-IAM-003': {
    type: 'aws_iam_role_policy_attachment',
    good: { policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' },
    bad: { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  },
  'AWS-IAM-004': {
    type: 'aws_iam_role',
    good: { assume_role_policy: doc([{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc:sub': 'system:serviceaccount:a:b', 'oidc:aud': 'sts.amazonaws.com' } } }]) },
    bad: { assume_role_policy: doc([{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc:aud': 'sts.amazonaws.com' } } }]) },
  },
  'AWS-DDB-001': { type: 'aws_dynamodb_table', good: { deletion_protection_enabled: true }, bad: {} },
  'AWS-DDB-002': { type: 'aws_dynamodb_table', good: { point_in_time_recovery: { enabled: true } }, bad: {} },
  'AWS-DDB-003': { type: 'aws_dynamodb_table', good: { server_side_encryption: { enabled: true } }, bad: {} },
  'AWS-R53-001': { type: 'aws_route53_health_check', good: { type: 'HTTPS' }, bad: { type: 'HTTP' } },
  'AWS-R53-002': {
    type: 'aws_route53_record',
    good: { latency_routing_policy: { region: 'us-east-1' }, health_check_id: '${aws_route53_health_check.h.id}' },
    bad: { latency_routing_policy: { region: 'us-east-1' } },
  },
  'AWS-R53-003': { type: 'aws_route53_zone', good: { lifecycle: { prevent_destroy: true } }, bad: {} },
  'AWS-SM-001': { type: 'aws_secretsmanager_secret', good: { kms_key_id: '${aws_kms_key.k.arn}' }, bad: {} },
  'AWS-SM-002': { type: 'aws_secretsmanager_secret', good: { recovery_window_in_days: 30 }, bad: { recovery_window_in_days: 0 } },
  'AZ-AKS-001': { type: 'azurerm_kubernetes_cluster', good: { local_account_disabled: true }, bad: {} },
  'AZ-AKS-002': { type: 'azurerm_kubernetes_cluster', good: { azure_active_directory_role_based_access_control: { azure_rbac_enabled: true } }, bad: {} },
  'AZ-AKS-003': {
    type: 'azurerm_kubernetes_cluster',
    good: { private_cluster_enabled: true },
    bad: { private_cluster_enabled: false, api_server_access_profile: { authorized_ip_ranges: ['0.0.0.0/1', '128.0.0.0/1'] } },
  },
  'AZ-AKS-004': { type: 'azurerm_kubernetes_cluster', good: { network_profile: { network_policy: 'cilium' } }, bad: { network_profile: {} } },
  'AZ-AKS-005': { type: 'azurerm_kubernetes_cluster_node_pool', good: { host_encryption_enabled: true }, bad: {} },
  'AZ-VM-001': { type: 'azurerm_linux_virtual_machine_scale_set', good: { disable_password_authentication: true }, bad: { disable_password_authentication: false, admin_password: 'x' } },
  'AZ-VM-002': {
    type: 'azurerm_linux_virtual_machine_scale_set',
    good: { network_interface: [{ ip_configuration: [{ name: 'internal' }] }] },
    bad: { network_interface: [{ ip_configuration: [{ name: 'internal', public_ip_address: [{ name: 'pip' }] }] }] },
  },
  'AZ-VM-003': { type: 'azurerm_linux_virtual_machine_scale_set', good: { automatic_instance_repair: { enabled: true } }, bad: {} },
  'AZ-VM-004': { type: 'azurerm_linux_virtual_machine_scale_set', good: { encryption_at_host_enabled: true }, bad: {} },
  'AZ-AKS-006': { type: 'azurerm_kubernetes_cluster', good: { azure_policy_enabled: true }, bad: {} },
  'AZ-AKS-007': { type: 'azurerm_kubernetes_cluster', good: { oms_agent: { log_analytics_workspace_id: 'w' } }, bad: {} },
  'AZ-AKS-008': { type: 'azurerm_kubernetes_cluster', good: { automatic_upgrade_channel: 'patch' }, bad: { automatic_upgrade_channel: 'none' } },
  'AZ-AKS-009': { type: 'azurerm_kubernetes_cluster', good: { default_node_pool: { only_critical_addons_enabled: true } }, bad: { default_node_pool: {} } },
  'AZ-AKS-010': { type: 'azurerm_kubernetes_cluster', good: { key_vault_secrets_provider: { secret_rotation_enabled: true } }, bad: { key_vault_secrets_provider: {} } },
  'AZ-ST-001': { type: 'azurerm_storage_account', good: { min_tls_version: 'TLS1_2' }, bad: { min_tls_version: 'TLS1_0' } },
  'AZ-ST-002': { type: 'azurerm_storage_account', good: {}, bad: { https_traffic_only_enabled: false } },
  'AZ-ST-003': { type: 'azurerm_storage_account', good: { allow_nested_items_to_be_public: false }, bad: {} },
  'AZ-ST-004': { type: 'azurerm_storage_account', good: { shared_access_key_enabled: false }, bad: {} },
  'AZ-ST-005': { type: 'azurerm_storage_account', good: { network_rules: { default_action: 'Deny' } }, bad: { network_rules: { default_action: 'Allow' } } },
  'AZ-ST-006': { type: 'azurerm_storage_account', good: { account_replication_type: 'GZRS' }, bad: { account_replication_type: 'ZRS' } },
  'AZ-ST-007': { type: 'azurerm_storage_account', good: { blob_properties: { versioning_enabled: true } }, bad: {} },
  'AZ-ST-008': { type: 'azurerm_storage_container', good: { container_access_type: 'private' }, bad: { container_access_type: 'blob' } },
  'AZ-ST-009': {
    type: 'azurerm_storage_account', good: {}, bad: {},
    goodWith: {
      azurerm_storage_container: { c: { name: 'tfstate', storage_account_id: ref('azurerm_storage_account') } },
      azurerm_management_lock: { l: { scope: ref('azurerm_storage_account'), lock_level: 'CanNotDelete' } },
    },
    badWith: { azurerm_storage_container: { c: { name: 'tfstate', storage_account_id: ref('azurerm_storage_account') } } },
  },
  'AZ-PG-001': { type: 'azurerm_postgresql_flexible_server', good: { public_network_access_enabled: false }, bad: {} },
  'AZ-PG-002': { type: 'azurerm_postgresql_flexible_server', good: { backup_retention_days: 14 }, bad: { backup_retention_days: 3 } },
  'AZ-PG-003': { type: 'azurerm_postgresql_flexible_server', good: { administrator_password_wo: '${ephemeral.x}' }, bad: { administrator_password: 'hunter2hunter2' } },
  'AZ-PG-004': { type: 'azurerm_postgresql_flexible_server', good: { geo_redundant_backup_enabled: true }, bad: {} },
  'AZ-PG-005': { type: 'azurerm_postgresql_flexible_server', good: { authentication: { active_directory_auth_enabled: true } }, bad: {} },
  'AZ-KV-001': { type: 'azurerm_key_vault', good: { purge_protection_enabled: true }, bad: {} },
  'AZ-KV-002': { type: 'azurerm_key_vault', good: { enable_rbac_authorization: true }, bad: {} },
  'AZ-KV-003': { type: 'azurerm_key_vault', good: { public_network_access_enabled: false }, bad: {} },
  'AZ-NSG-001': {
    type: 'azurerm_network_security_group',
    good: { security_rule: [{ direction: 'Inbound', access: 'Allow', source_address_prefix: 'Internet', destination_port_ranges: ['80', '443'] }] },
    bad: { security_rule: [{ direction: 'Inbound', access: 'Allow', source_address_prefix: 'Internet', destination_port_range: '8080' }] },
  },
  'AZ-NSG-002': {
    type: 'azurerm_network_security_rule',
    good: { direction: 'Inbound', access: 'Allow', source_address_prefix: '10.0.0.0/8', destination_port_range: '22' },
    bad: { direction: 'Inbound', access: 'Allow', source_address_prefix: '*', destination_port_range: '22' },
  },
  'AZ-DNS-001': { type: 'azurerm_dns_a_record', good: { ttl: 60 }, bad: { ttl: 5 } },
  'AZ-DNS-002': {
    type: 'azurerm_dns_zone', good: {}, bad: {},
    goodWith: { azurerm_management_lock: { l: { scope: ref('azurerm_dns_zone'), lock_level: 'CanNotDelete' } } },
    badWith: { azurerm_management_lock: { l: { scope: ref('azurerm_dns_zone'), lock_level: 'ReadOnly' } } },
  },
  'K8S-NS-001': {
    type: 'kubernetes_namespace_v1',
    good: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    bad: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
  },
  'K8S-JOB-001': { type: 'kubernetes_job_v1', good: job(hardenedContainer), bad: job({ security_context: hardenedContainer.security_context }) },
  'K8S-JOB-002': { type: 'kubernetes_job_v1', good: job(hardenedContainer), bad: job({ resources: hardenedContainer.resources }) },
  'K8S-IMG-001': { type: 'kubernetes_job_v1', good: job({}), bad: job({ image: 'python:3.13-alpine' }) },
  'K8S-ENV-001': {
    type: 'kubernetes_job_v1',
    good: job({ env: [{ name: 'API_TOKEN', value_from: { secret_key_ref: { name: 's', key: 't' } } }, { name: 'URL', value: 'https://x' }] }),
    bad: job({ env: [{ name: 'API_TOKEN', value: 's3cr3t' }] }),
  },
  'K8S-HELM-001': { type: 'helm_release', good: { repository: 'https://charts.example', version: '1.2.3' }, bad: { repository: 'https://charts.example', version: '>=1.0' } },
  'K8S-HELM-002': { type: 'helm_release', good: { atomic: true }, bad: {} },
  'K8S-SEC-001': { type: 'kubernetes_secret_v1', good: { metadata: { name: 's' } }, bad: { metadata: { name: 's' }, data: { password: 'x' } } },
};
