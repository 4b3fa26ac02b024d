import { Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AksCluster, AksClusterProps, AKS_DIAGNOSTIC_CATEGORIES } from '../../lib/cluster/aks-cluster';
import { AzureNetwork } from '../../lib/network/azure-network';
import { defaultCatalogue } from '../../regions/catalogue';
import { synthLayers } from '../support/region';
import { byType, listOf } from '../support/synth';

const TENANT = '7e2a9c10-0000-4000-8000-0000000000aa';
const ADMINS = '0c6f1e4a-0000-4000-8000-0000000000b1';
const DEVS = '0c6f1e4a-0000-4000-8000-0000000000b2';
type Overrides = Partial<Omit<AksClusterProps, 'network'>>;

function synthAks(overrides: Overrides = {}): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const network = new AzureNetwork(stack, 'Network', { name: 'kore-weu', location: 'westeurope', cidr: '10.40.0.0/16', zoneCount: 3 });
  new AksCluster(stack, 'Cluster', {
    network,
    clusterName: 'kore-weu',
    location: 'westeurope',
    kubernetesVersion: '1.31',
    tenantId: TENANT,
    nodePools: {
      system: { instanceTypes: ['Standard_D4s_v5'], minSize: 2, desiredSize: 3, maxSize: 3 },
      general: { instanceTypes: ['Standard_D8s_v5'], minSize: 1, desiredSize: 3, maxSize: 12, diskSizeGb: 256, labels: { team: 'apps' }, taints: [{ key: 'dedicated', value: 'apps', effect: 'NoSchedule' }] },
    },
    access: {
      platform: { principal: ADMINS, policy: 'cluster-admin' },
      developers: { principal: DEVS, policy: 'edit', namespaces: ['development', 'staging'] },
    },
    tags: { owner: 'platform' },
    ...overrides,
  });
  return JSON.parse(Testing.synth(stack));
}

describe('AksCluster', () => {
  const json = synthAks();
  const [cluster] = listOf(json, 'azurerm_kubernetes_cluster');

  it('reserves a system default pool for critical add-ons, rotated without recreating the cluster', () => {
    expect(cluster.default_node_pool).toMatchObject({
      name: 'system',
      vm_size: 'Standard_D4s_v5',
      auto_scaling_enabled: true,
      min_count: 2,
      max_count: 3,
      node_count: 3,
      zones: ['1', '2', '3'],
      only_critical_addons_enabled: true,
      temporary_name_for_rotation: 'systemtmp',
      os_disk_type: 'Managed',
      os_disk_size_gb: 128,
    });
    expect(cluster.default_node_pool.vnet_subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-private_/);
  });

  it('creates user pools keyed by name with VM size, autoscaling, zones, labels, taints and managed OS disks', () => {
    const pools = byType(json, 'azurerm_kubernetes_cluster_node_pool');
    expect(Object.keys(pools)).toEqual([expect.stringMatching(/^Cluster_NodePool-general_/)]);
    expect(Object.values(pools)[0]).toMatchObject({
      name: 'general',
      mode: 'User',
      vm_size: 'Standard_D8s_v5',
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 12,
      zones: ['1', '2', '3'],
      node_labels: { 'kore.io/node-pool': 'general', team: 'apps' },
      node_taints: ['dedicated=apps:NoSchedule'],
      os_disk_size_gb: 256,
      os_disk_type: 'Managed',
      temporary_name_for_rotation: 'generaltmp',
    });
  });

  it('uses Entra ID with Azure RBAC, no local accounts, OIDC issuer and workload identity', () => {
    expect(cluster).toMatchObject({
      local_account_disabled: true,
      role_based_access_control_enabled: true,
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, tenant_id: TENANT, admin_group_object_ids: [ADMINS] },
    });
  });

  it('is a private cluster by default, public only with an authorized IP list', () => {
    expect(cluster.private_cluster_enabled).toBe(true);
    expect(cluster.api_server_access_profile).toBeUndefined();
    const [pub] = listOf(synthAks({ publicAccessCidrs: ['203.0.113.0/24'] }), 'azurerm_kubernetes_cluster');
    expect(pub.private_cluster_enabled).toBe(false);
    expect(pub.api_server_access_profile).toEqual({ authorized_ip_ranges: ['203.0.113.0/24'] });
  });

  it('uses Azure CNI overlay with Cilium network policy and NAT gateway egress, created after the NAT association', () => {
    expect(cluster.network_profile).toEqual({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_policy: 'cilium',
      network_data_plane: 'cilium',
      outbound_type: 'userAssignedNATGateway',
      pod_cidr: '192.168.0.0/16',
      service_cidr: '172.16.0.0/16',
      dns_service_ip: '172.16.0.10',
      load_balancer_sku: 'standard',
    });
    expect(cluster.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_subnet_nat_gateway_association\./)]));
    const [calico] = listOf(synthAks({ networkPolicy: 'calico' }), 'azurerm_kubernetes_cluster');
    expect(calico.network_profile).toMatchObject({ network_policy: 'calico', network_data_plane: 'azure' });
  });

  it('enables the Key Vault secrets provider, Azure Policy, and diagnostics to Log Analytics', () => {
    expect(cluster.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true });
    expect(cluster.azure_policy_enabled).toBe(true);
    expect(cluster.oms_agent).toEqual({ log_analytics_workspace_id: expect.stringMatching(/azurerm_log_analytics_workspace\.Cluster_Workspace_.*\.id/), msi_auth_for_monitoring_enabled: true });
    expect(listOf(json, 'azurerm_log_analytics_workspace')[0]).toMatchObject({ sku: 'PerGB2018', retention_in_days: 30 });
    const [diag] = listOf(json, 'azurerm_monitor_diagnostic_setting');
    expect(diag.enabled_log.map((l: any) => l.category)).toEqual(AKS_DIAGNOSTIC_CATEGORIES);
    expect(diag.target_resource_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.id\}$/);
  });

  it('upgrades automatically inside a maintenance window', () => {
    expect(cluster.automatic_upgrade_channel).toBe('patch');
    expect(cluster.node_os_upgrade_channel).toBe('NodeImage');
    expect(cluster.maintenance_window_auto_upgrade).toEqual({ frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '02:00', duration: 4, utc_offset: '+00:00' });
  });

  it('uses managed identities, never service principals, with the subnet role only', () => {
    expect(cluster.identity).toEqual({ type: 'UserAssigned', identity_ids: [expect.stringMatching(/azurerm_user_assigned_identity\./)] });
    expect(cluster.service_principal).toBeUndefined();
    const subnetRole = listOf(json, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Network Contributor');
    expect(subnetRole.scope).toMatch(/azurerm_subnet\.Network_Subnet-private_.*\.id/);
  });

  it('puts node disks under a customer-managed key: its own vault (RBAC, purge protection, no public access), an HSM key, a disk encryption set the cluster uses', () => {
    const [vault] = listOf(json, 'azurerm_key_vault');
    expect(vault).toMatchObject({ name: 'kore-weu-disks', enable_rbac_authorization: true, purge_protection_enabled: true, public_network_access_enabled: false, network_acls: { default_action: 'Deny', bypass: 'AzureServices' } });
    const [key] = listOf(json, 'azurerm_key_vault_key');
    expect(key).toMatchObject({ key_type: 'RSA-HSM', key_opts: ['wrapKey', 'unwrapKey'], rotation_policy: { automatic: { time_before_expiry: 'P30D' } } });
    const [setName, set] = Object.entries(byType(json, 'azurerm_disk_encryption_set'))[0] as [string, any];
    expect(set).toMatchObject({ encryption_type: 'EncryptionAtRestWithCustomerKey', auto_key_rotation_enabled: true, identity: { type: 'SystemAssigned' } });
    expect(set.key_vault_key_id).toMatch(/^\$\{azurerm_key_vault_key\.\w+\.versionless_id\}$/);
    expect(cluster.disk_encryption_set_id).toBe(`\${azurerm_disk_encryption_set.${setName}.id}`);
    const roles = listOf(json, 'azurerm_role_assignment');
    // The set's identity wraps and unwraps with that key only; the control plane may read the set.
    expect(roles.find((r) => r.role_definition_name === 'Key Vault Crypto Service Encryption User')).toMatchObject({ scope: expect.stringMatching(/azurerm_key_vault_key\.\w+\.resource_versionless_id/), principal_id: `\${azurerm_disk_encryption_set.${setName}.identity[0].principal_id}` });
    const reader = Object.entries(byType(json, 'azurerm_role_assignment')).find(([, r]: [string, any]) => r.role_definition_name === 'Reader' && r.scope === `\${azurerm_disk_encryption_set.${setName}.id}`)!;
    expect(cluster.depends_on).toContain(`azurerm_role_assignment.${reader[0]}`);
  });

  it('maps Entra groups to Azure RBAC roles, cluster-wide or per namespace', () => {
    const grants = listOf(json, 'azurerm_role_assignment').filter((r) => r.principal_type === 'Group');
    expect(grants.map((g) => [g.role_definition_name, g.principal_id, g.scope.replace(/\$\{[^}]+\}/, '<cluster>')]).sort()).toEqual([
      ['Azure Kubernetes Service RBAC Cluster Admin', ADMINS, '<cluster>'],
      ['Azure Kubernetes Service RBAC Writer', DEVS, '<cluster>/namespaces/development'],
      ['Azure Kubernetes Service RBAC Writer', DEVS, '<cluster>/namespaces/staging'],
    ]);
  });

  it('keeps secrets out of the synthesized JSON', () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/client_secret|admin_password|kube_admin_config/);
  });

  const pool = { instanceTypes: ['Standard_D4s_v5'], minSize: 1, desiredSize: 1, maxSize: 2 };
  it.each<[string, Overrides, string | RegExp]>([
    ['unsupported version', { kubernetesVersion: '1.29' }, 'kubernetesVersion: AKS supports 1.30, 1.31, 1.32, 1.33 (got "1.29")'],
    ['bad cluster name', { clusterName: 'kore_weu' }, 'clusterName: 1-63 letters, digits or dashes (got "kore_weu")'],
    ['bad tenant', { tenantId: 'contoso' }, 'tenantId: not a UUID (got "contoso")'],
    ['no system pool', { nodePools: { general: pool } }, 'nodePools: needs the system pool "system" (got general)'],
    ['system pool at zero', { nodePools: { system: { ...pool, minSize: 0, desiredSize: 0 } } }, 'nodePools.system.minSize: the system pool needs at least one node (got 0)'],
    ['long pool name', { nodePools: { system: pool, generalpurpose1: pool } }, 'nodePools: AKS pool names are 1-12 lowercase letters or digits, starting with a letter (got "generalpurpose1")'],
    ['empty VM size', { nodePools: { system: { ...pool, instanceTypes: [''] } } }, 'nodePools.system.instanceTypes: at least one non-empty instance type is required (got [""])'],
    ['two VM sizes', { nodePools: { system: { ...pool, instanceTypes: ['a', 'b'] } } }, 'nodePools.system.instanceTypes: an AKS pool has exactly one VM size (got ["a","b"])'],
    ['min > max', { nodePools: { system: { ...pool, minSize: 3, desiredSize: 3, maxSize: 2 } } }, 'nodePools.system.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 3 / 3 / 2)'],
    ['open API server', { publicAccessCidrs: ['0.0.0.0/0'] }, 'publicAccessCidrs: together these ranges admit the whole internet (got ["0.0.0.0/0"])'],
    ['the internet in two halves', { publicAccessCidrs: ['0.0.0.0/1', '128.0.0.0/1'] }, 'publicAccessCidrs: together these ranges admit the whole internet (got ["0.0.0.0/1","128.0.0.0/1"])'],
    ['pod CIDR in the VNet', { podCidr: '10.40.0.0/16' }, 'podCidr: 10.40.0.0/16 overlaps the VNet 10.40.0.0/16'],
    ['service CIDR in pod CIDR', { serviceCidr: '192.168.0.0/20' }, 'serviceCidr: 192.168.0.0/20 overlaps podCidr 192.168.0.0/16'],
    ['principal not an object id', { access: { x: { principal: 'devs@contoso', policy: 'view' } } }, 'access.x.principal: an Entra ID object id (UUID) (got "devs@contoso")'],
    ['namespaced cluster-admin', { access: { x: { principal: ADMINS, policy: 'cluster-admin', namespaces: ['a'] } } }, /^access\.x\.namespaces: cluster-admin is cluster-wide/],
    ['bad window', { maintenanceWindow: { dayOfWeek: 'Sunday', startTime: '25:00', durationHours: 4 } }, 'maintenanceWindow.startTime: HH:MM in UTC (got "25:00")'],
    ['short window', { maintenanceWindow: { dayOfWeek: 'Sunday', startTime: '02:00', durationHours: 2 } }, 'maintenanceWindow.durationHours: 4 to 24 (got 2)'],
    ['retention', { logRetentionDays: 7 }, 'logRetentionDays: Log Analytics keeps 30 to 730 days (got 7)'],
    ['unknown tier', { subnetTier: 'nodes' }, 'subnetTier: the network has no tier "nodes" (it has public, intra, private)'],
  ])('rejects %s', (_name, overrides, message) => {
    expect(() => synthAks(overrides)).toThrow(message);
  });
});

describe('the Azure region stack of the default catalogue', () => {
  const catalogue = defaultCatalogue();
  const entry = catalogue.regions.find((r) => r.cloud === 'azure')!;
  const json = synthLayers(entry.id, catalogue).infra;

  it('composes the network and the AKS cluster from the catalogue', () => {
    expect(listOf(json, 'azurerm_virtual_network')[0].address_space).toEqual(['10.40.0.0/16']);
    expect(listOf(json, 'azurerm_kubernetes_cluster')[0]).toMatchObject({ name: 'kore-prod-weu', kubernetes_version: '1.31', location: 'westeurope' });
    expect(listOf(json, 'azurerm_kubernetes_cluster_node_pool').map((p) => p.name)).toEqual(['general']);
    expect(listOf(json, 'azurerm_kubernetes_cluster')[0].tags).toMatchObject({ environment: 'prod', 'cost-center': 'eng-prod' });
  });

  it('has complete provider and backend blocks', () => {
    expect(json.provider.azurerm[0]).toMatchObject({ subscription_id: entry.account, tenant_id: entry.tenantId, features: [expect.any(Object)] });
    expect(json.terraform.required_providers.azurerm).toMatchObject({ source: 'azurerm', version: expect.stringMatching(/^4\./) });
    expect(json.terraform.backend.azurerm).toMatchObject({ key: 'kore/prod-westeurope.tfstate', subscription_id: entry.account, use_azuread_auth: true });
  });
});

describe('the node-disk Key Vault name', () => {
  const { diskVaultName } = require('../../lib/cloud/construct-names');
  it('is <cluster>-disks where that fits, else a short, stable, distinct name within Key Vault\'s 24 characters', () => {
    expect(diskVaultName('kore-prod-weu')).toBe('kore-prod-weu-disks');
    const a = diskVaultName('kore-prod-west-europe-main1');
    const b = diskVaultName('kore-prod-west-europe-main2');
    for (const n of [a, b]) expect(n).toMatch(/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/);
    expect(a).not.toBe(b);
    expect(diskVaultName('kore-prod-west-europe-main1')).toBe(a);
  });
});
