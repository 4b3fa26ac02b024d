import { nodeAutoscaling, NodeAutoscalingProfile } from './node-autoscaling';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { AksDiskEncryption } from './aks-disk-encryption';
import { ClusterBase } from './cluster-base';
import { validateAllowList } from '../guardrails/exposure';
import { INetwork } from '../network/network';
import { cidrsOverlap, isIpv4Cidr, parseIpv4Cidr } from '../private/cidr';
import { AccessGrant, AccessPolicy, NodePoolProps, NodeTaint, validateAccessGrant, validateNodePool } from './cluster';
import { AKS_DEFAULT_POD_CIDR, AKS_DEFAULT_SERVICE_CIDR, nodePoolNameProblem } from './cluster-rules';
import { AKS_KUBERNETES_VERSIONS } from './kubernetes-versions';
import { diskVaultName } from '../cloud/construct-names';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export { AKS_SERVER_APP_ID } from './cluster';

const ROLE: Record<Exclude<AccessPolicy, 'view-all'>, string> = {
  'cluster-admin': 'Azure Kubernetes Service RBAC Cluster Admin',
  admin: 'Azure Kubernetes Service RBAC Admin',
  edit: 'Azure Kubernetes Service RBAC Writer',
  view: 'Azure Kubernetes Service RBAC Reader',
};

/** The weekly window in which AKS may upgrade the cluster. */
export interface MaintenanceWindow {
  readonly dayOfWeek: 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
  /** `HH:MM`, UTC. */
  readonly startTime: string;
  /** 4-24 hours. */
  readonly durationHours: number;
}

export interface AksClusterProps {
  /**
   * The cluster autoscaler's behaviour (every pool autoscales between its min and max).
   * @default - nodeAutoscaling() defaults
   */
  readonly autoscaling?: NodeAutoscalingProfile;
  /** An Azure network; nodes go into its `subnetTier` subnet and egress through its NAT gateway. */
  readonly network: INetwork;
  /** Cluster name (1-63 letters, digits, dashes). */
  readonly clusterName: string;
  /** Azure region. */
  readonly location: string;
  /** Kubernetes minor version, e.g. `1.31`. */
  readonly kubernetesVersion: string;
  /** Entra ID tenant for Azure RBAC. */
  readonly tenantId: string;
  /** Node pools keyed by name (1-12 lowercase letters or digits); each has exactly one VM size. */
  readonly nodePools: Readonly<Record<string, NodePoolProps>>;
  /**
   * The pool that becomes the system (default) node pool, reserved for critical add-ons.
   * @default 'system'
   */
  readonly systemPoolName?: string;
  /** @default 'private' */
  readonly subnetTier?: string;
  /**
   * CIDRs allowed to reach a public API server.
   * @default [] - a private cluster
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Entra ID groups (object ids) mapped to Azure RBAC roles, cluster-wide or per namespace.
   * @default {}
   */
  readonly access?: Readonly<Record<string, AccessGrant>>;
  /**
   * Network policy engine (Azure CNI overlay powered by Cilium, or Calico).
   * @default 'cilium'
   */
  readonly networkPolicy?: 'cilium' | 'calico';
  /** @default '192.168.0.0/16' - pod IPs of the overlay, never routed in the VNet */
  readonly podCidr?: string;
  /** @default '172.16.0.0/16' */
  readonly serviceCidr?: string;
  /**
   * Managed OS disk type of every pool.
   * @default 'Managed'
   */
  readonly osDiskType?: 'Managed' | 'Ephemeral';
  /** @default 'patch' */
  readonly upgradeChannel?: 'patch' | 'stable' | 'rapid' | 'node-image';
  /** @default Sunday 02:00 UTC for 4 hours */
  readonly maintenanceWindow?: MaintenanceWindow;
  /**
   * Retention of the Log Analytics workspace that receives control-plane diagnostics.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * A pre-created public IP (another resource group) the control plane may attach to the ingress load balancer.
   * @default - none
   */
  readonly ingressPublicIpId?: string;
  /** @default 'Standard' (uptime SLA) */
  readonly skuTier?: 'Free' | 'Standard' | 'Premium';
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Control-plane log categories sent to Log Analytics. */
export const AKS_DIAGNOSTIC_CATEGORIES = ['kube-apiserver', 'kube-audit-admin', 'kube-controller-manager', 'kube-scheduler', 'cluster-autoscaler', 'guard'];

/**
 * An AKS cluster: a system pool reserved for critical add-ons plus user pools keyed by name, Entra ID with Azure
 * RBAC and no local accounts, OIDC issuer and workload identity, a private API server unless an allow-list is
 * given, Azure CNI overlay with a network policy engine and egress through the NAT gateway, Key Vault secrets
 * provider, Azure Policy, diagnostics to Log Analytics, automatic upgrades in a maintenance window, and managed
 * identities throughout.
 */
export class AksCluster extends ClusterBase {
  public readonly cloud = 'azure' as const;
  public readonly cluster: KubernetesCluster;
  public readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    const systemPoolName = props.systemPoolName ?? 'system';
    const subnetTier = props.subnetTier ?? 'private';
    const podCidr = props.podCidr ?? AKS_DEFAULT_POD_CIDR;
    const serviceCidr = props.serviceCidr ?? AKS_DEFAULT_SERVICE_CIDR;
    validate(props, systemPoolName, subnetTier, podCidr, serviceCidr);
    super(scope, id, props.clusterName, Object.keys(props.nodePools));
    const tags = { ...props.tags };
    const [subnet] = props.network.subnets(subnetTier);
    const osDiskType = props.osDiskType ?? 'Managed';
    const publicCidrs = [...(props.publicAccessCidrs ?? [])];
    const window = props.maintenanceWindow ?? { dayOfWeek: 'Sunday', startTime: '02:00', durationHours: 4 };
    const weekly = { frequency: 'Weekly', interval: 1, dayOfWeek: window.dayOfWeek, startTime: window.startTime, duration: window.durationHours, utcOffset: '+00:00' };
    /** What the system (default) pool and the user pools share. */
    const poolSettings = (name: string, pool: NodePoolProps) => ({
      vmSize: pool.instanceTypes[0],
      autoScalingEnabled: true,
      minCount: pool.minSize,
      maxCount: pool.maxSize,
      nodeCount: pool.desiredSize,
      zones: [...props.network.zones],
      vnetSubnetId: subnet.subnetId,
      osDiskSizeGb: pool.diskSizeGb ?? 128,
      osDiskType,
      // Encrypts temp disks and OS disk caches on the host, which managed-disk encryption does not cover.
      hostEncryptionEnabled: true,
      nodeLabels: { 'kore.io/node-pool': name, ...pool.labels },
      // Changes that would recreate a pool rotate through a temporary pool instead (and never recreate the cluster).
      temporaryNameForRotation: `${name.slice(0, 8)}tmp`,
      upgradeSettings: { maxSurge: '33%' },
      tags,
    });

    const group = new ResourceGroup(this, 'ResourceGroup', { name: `${props.clusterName}-cluster`, location: props.location, tags });
    this.workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
      name: `${props.clusterName}-logs`,
      location: props.location,
      resourceGroupName: group.name,
      sku: 'PerGB2018',
      retentionInDays: props.logRetentionDays ?? 30,
      tags,
    });
    const disks = new AksDiskEncryption(this, 'DiskEncryption', { vaultName: diskVaultName(props.clusterName), location: props.location, resourceGroupName: group.name, tenantId: props.tenantId, tags });
    const identity = new UserAssignedIdentity(this, 'ControlPlaneIdentity', { name: `${props.clusterName}-control-plane`, location: props.location, resourceGroupName: group.name, tags });
    // The control plane joins nodes and load balancers to the subnet; nothing broader than that subnet.
    const subnetRole = new RoleAssignment(this, 'ControlPlaneSubnetRole', {
      scope: subnet.subnetId,
      roleDefinitionName: 'Network Contributor',
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });

    // A user-assigned control-plane identity must read the disk encryption set it creates nodes with.
    const diskSetRole = new RoleAssignment(this, 'ControlPlaneDiskSetRole', {
      scope: disks.diskEncryptionSet.id,
      roleDefinitionName: 'Reader',
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });

    if (props.ingressPublicIpId) {
      // Attaching a load balancer to an IP outside the node resource group needs rights on that IP only.
      new RoleAssignment(this, 'ControlPlaneIngressIpRole', {
        scope: props.ingressPublicIpId,
        roleDefinitionName: 'Network Contributor',
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
    const system = props.nodePools[systemPoolName];
    const admins = Object.values(props.access ?? {})
      .filter((g) => g.policy === 'cluster-admin' && (g.principalType ?? 'group') === 'group')
      .map((g) => g.principal);
    this.cluster = new KubernetesCluster(this, 'Cluster', {
      name: props.clusterName,
      location: props.location,
      resourceGroupName: group.name,
      dnsPrefix: props.clusterName,
      kubernetesVersion: props.kubernetesVersion,
      skuTier: props.skuTier ?? 'Standard',
      nodeResourceGroup: `${props.clusterName}-nodes`,
      // Node OS disks under the cluster's own key (AKS takes it at creation only).
      diskEncryptionSetId: disks.diskEncryptionSet.id,
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: props.tenantId, adminGroupObjectIds: admins.length > 0 ? admins : undefined },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      privateClusterEnabled: publicCidrs.length === 0,
      apiServerAccessProfile: publicCidrs.length > 0 ? { authorizedIpRanges: publicCidrs } : undefined,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: props.networkPolicy ?? 'cilium',
        // Cilium as the policy engine requires the Cilium data plane.
        networkDataPlane: (props.networkPolicy ?? 'cilium') === 'cilium' ? 'cilium' : 'azure',
        outboundType: 'userAssignedNATGateway',
        podCidr,
        serviceCidr,
        dnsServiceIp: dnsServiceIp(serviceCidr),
        loadBalancerSku: 'standard',
      },
      autoScalerProfile: autoScalerProfileOf(props.autoscaling),
      defaultNodePool: {
        name: systemPoolName,
        ...poolSettings(systemPoolName, system),
        onlyCriticalAddonsEnabled: true,
      },
      keyVaultSecretsProvider: { secretRotationEnabled: true },
      azurePolicyEnabled: true,
      omsAgent: { logAnalyticsWorkspaceId: this.workspace.id, msiAuthForMonitoringEnabled: true },
      automaticUpgradeChannel: props.upgradeChannel ?? 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      // Kubernetes and node-image upgrades share the one weekly window.
      maintenanceWindowAutoUpgrade: weekly,
      maintenanceWindowNodeOs: weekly,
      tags,
      lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
      // userAssignedNATGateway egress requires the NAT gateway on the subnet before the cluster exists.
      dependsOn: [subnetRole, diskSetRole, ...props.network.egress],
    });

    const kubeConfig = this.cluster.kubeConfig.get(0);
    this.connect({
      endpoint: kubeConfig.host,
      certificateAuthorityData: kubeConfig.clusterCaCertificate,
      oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      kubernetesVersion: props.kubernetesVersion,
    });

    new MonitorDiagnosticSetting(this, 'Diagnostics', {
      name: `${props.clusterName}-control-plane`,
      targetResourceId: this.cluster.id,
      logAnalyticsWorkspaceId: this.workspace.id,
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: AKS_DIAGNOSTIC_CATEGORIES.map((category) => ({ category })),
      enabledMetric: [{ category: 'AllMetrics' }],
    });

    this.workloadReady.push(this.cluster);
    for (const [name, pool] of Object.entries(props.nodePools)) {
      if (name === systemPoolName) continue;
      const userPool = new KubernetesClusterNodePool(this, `NodePool-${name}`, {
        name,
        kubernetesClusterId: this.cluster.id,
        mode: 'User',
        ...poolSettings(name, pool),
        nodeTaints: (pool.taints ?? []).map(taintString),
        // The autoscaler owns the count between the bounds: a plan must neither reset it nor call it drift.
        lifecycle: { ignoreChanges: ['node_count'] },
      });
      this.workloadReady.push(userPool);
    }

    let viewAll: RoleDefinition | undefined;
    for (const [name, grant] of Object.entries(props.access ?? {})) {
      const scopes = grant.namespaces ? grant.namespaces.map((ns) => ({ key: ns, scope: `${this.cluster.id}/namespaces/${ns}` })) : [{ key: 'cluster', scope: this.cluster.id }];
      // No built-in AKS role reads Secrets without also writing; a plan of Helm releases needs exactly that.
      const role = grant.policy === 'view-all' ? { roleDefinitionId: (viewAll ??= this.addViewAllRole(props.clusterName)).roleDefinitionResourceId } : { roleDefinitionName: ROLE[grant.policy] };
      const principalType = grant.principalType === 'service-principal' ? 'ServicePrincipal' : 'Group';
      for (const { key, scope } of scopes) {
        new RoleAssignment(this, `Access-${name}-${key}`, { scope, ...role, principalId: grant.principal, principalType });
      }
    }
  }

  /** A custom role: every Kubernetes read on this cluster, Secrets included, and no write. */
  private addViewAllRole(clusterName: string): RoleDefinition {
    return new RoleDefinition(this, 'ViewAllRole', {
      name: `${clusterName} Kubernetes view-all`,
      scope: this.cluster.id,
      description: 'Read every Kubernetes object, Secrets included, and write none: for planning Helm releases.',
      permissions: [{ dataActions: ['Microsoft.ContainerService/managedClusters/*/read'] }],
      assignableScopes: [this.cluster.id],
    });
  }
}

/** `key=value:Effect`, the form AKS takes taints in. */
function taintString(t: NodeTaint): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
}

/** The tenth address of the service range, the conventional cluster DNS address. */
function dnsServiceIp(serviceCidr: string): string {
  const { base } = parseIpv4Cidr(serviceCidr);
  const ip = base + 10;
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

function validate(props: AksClusterProps, systemPoolName: string, subnetTier: string, podCidr: string, serviceCidr: string): void {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/.test(props.clusterName)) throw new Error(`clusterName: 1-63 letters, digits or dashes (got "${props.clusterName}")`);
  if (!AKS_KUBERNETES_VERSIONS.includes(props.kubernetesVersion)) {
    throw new Error(`kubernetesVersion: AKS supports ${AKS_KUBERNETES_VERSIONS.join(', ')} (got "${props.kubernetesVersion}")`);
  }
  if (props.network.cloud !== 'azure') throw new Error(`network: AKS needs an Azure network (got ${props.network.cloud})`);
  if (!props.network.tierNames.includes(subnetTier)) {
    throw new Error(`subnetTier: the network has no tier "${subnetTier}" (it has ${props.network.tierNames.join(', ')})`);
  }
  if (!UUID.test(props.tenantId)) throw new Error(`tenantId: not a UUID (got "${props.tenantId}")`);
  const system = props.nodePools[systemPoolName];
  if (!system) throw new Error(`nodePools: needs the system pool "${systemPoolName}" (got ${Object.keys(props.nodePools).join(', ') || 'none'})`);
  if (system.minSize < 1) throw new Error(`nodePools.${systemPoolName}.minSize: the system pool needs at least one node (got ${system.minSize})`);
  for (const [name, pool] of Object.entries(props.nodePools)) {
    const nameProblem = nodePoolNameProblem('azure', name);
    if (nameProblem) throw new Error(`nodePools: ${nameProblem}`);
    validateNodePool(`nodePools.${name}`, pool, 'azure');
  }
  validateAllowList('publicAccessCidrs', props.publicAccessCidrs ?? []);
  for (const [name, cidr] of [['podCidr', podCidr], ['serviceCidr', serviceCidr]] as const) {
    if (!isIpv4Cidr(cidr)) throw new Error(`${name}: not an IPv4 network (got "${cidr}")`);
    if (isIpv4Cidr(props.network.cidr) && cidrsOverlap(cidr, props.network.cidr)) throw new Error(`${name}: ${cidr} overlaps the VNet ${props.network.cidr}`);
  }
  if (cidrsOverlap(podCidr, serviceCidr)) throw new Error(`serviceCidr: ${serviceCidr} overlaps podCidr ${podCidr}`);
  for (const [name, grant] of Object.entries(props.access ?? {})) validateAccessGrant(`access.${name}`, grant, 'azure');
  const window = props.maintenanceWindow;
  if (window) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(window.startTime)) throw new Error(`maintenanceWindow.startTime: HH:MM in UTC (got "${window.startTime}")`);
    if (!Number.isInteger(window.durationHours) || window.durationHours < 4 || window.durationHours > 24) {
      throw new Error(`maintenanceWindow.durationHours: 4 to 24 (got ${window.durationHours})`);
    }
  }
  const retention = props.logRetentionDays;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 30 || retention > 730)) {
    throw new Error(`logRetentionDays: Log Analytics keeps 30 to 730 days (got ${retention})`);
  }
}

/** The AKS autoscaler profile of the fleet's one autoscaling profile. */
function autoScalerProfileOf(profile: NodeAutoscalingProfile | undefined) {
  const p = nodeAutoscaling(profile);
  return { expander: p.expander, balanceSimilarNodeGroups: p.balanceSimilarNodeGroups, scaleDownUnneeded: p.scaleDownUnneededTime, scaleDownUtilizationThreshold: String(p.scaleDownUtilizationThreshold), skipNodesWithSystemPods: true };
}
