import { addChartRelease } from '../platform/chart-release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ManifestsRelease } from '../platform/manifests-release';
import { EDGE_SERVICE_ACCOUNTS, LETS_ENCRYPT } from './service-accounts';

/** The pinned chart (cert-manager v1.21.1). Bump deliberately, with a plan review. */
export const CERT_MANAGER_CHART = { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' } as const;

/** Who cert-manager is in the cloud. */
export type CertManagerIdentity =
  | { readonly cloud: 'aws'; /** IRSA role. */ readonly roleArn: string }
  | { readonly cloud: 'azure'; /** Client id of its workload identity. */ readonly clientId: string };

/** Where the challenges of the region's own names are answered. */
export type RegionZoneSolver =
  | { readonly cloud: 'aws'; readonly zoneName: string; readonly zoneId: string; readonly region: string }
  | { readonly cloud: 'azure'; readonly zoneName: string; readonly subscriptionId: string; readonly resourceGroupName: string; readonly clientId: string };

/**
 * Global names (served by several regions) whose challenges are answered in the parent Route53 zone, through a
 * role there that only writes their `_acme-challenge` TXT records.
 */
export interface GlobalNameSolver {
  readonly hostnames: readonly string[];
  readonly roleArn: string;
  /**
   * How cert-manager reaches that role: `ambient` chains from its own IRSA role (EKS); `service-account-token`
   * presents its Kubernetes token to STS (AKS, whose issuer the parent account trusts).
   */
  readonly via: 'ambient' | 'service-account-token';
}

export interface CertManagerProps {
  readonly identity: CertManagerIdentity;
  readonly regionZone: RegionZoneSolver;
  /** @default - none */
  readonly globalNames?: GlobalNameSolver;
  /** @default 'letsencrypt' */
  readonly issuerName?: string;
  /** ACME directory. @default LETS_ENCRYPT (production) */
  readonly acmeServer?: string;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * cert-manager from its official chart, with one ClusterIssuer that answers ACME DNS-01 challenges: names of the
 * region's zone in that zone (Route53 through IRSA, Azure DNS through workload identity), global names in the
 * parent zone through a narrowly scoped role. The ACME account key is generated in the cluster.
 */
export class CertManager extends Construct {
  public readonly issuerName: string;
  public readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    const { namespace, serviceAccount } = EDGE_SERVICE_ACCOUNTS.certManager;
    this.issuerName = props.issuerName ?? 'letsencrypt';
    const release = addChartRelease(this, {
      chart: CERT_MANAGER_CHART,
      name: 'cert-manager',
      namespace,
      createNamespace: true,
      values: certManagerValues(props.identity, serviceAccount),
      dependsOn: props.dependsOn,
    });
    const global = props.globalNames;
    const tokenRbac =
      global?.via === 'service-account-token'
        ? [
            { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cert-manager-route53-token', namespace }, rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [serviceAccount], verbs: ['create'] }] },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'RoleBinding',
              metadata: { name: 'cert-manager-route53-token', namespace },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cert-manager-route53-token' },
              subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
            },
          ]
        : [];
    const issuer = new ManifestsRelease(this, 'Issuer', {
      name: 'cluster-issuer',
      namespace,
      manifests: [...tokenRbac, clusterIssuerManifest(this.issuerName, props.acmeServer ?? LETS_ENCRYPT, props.regionZone, global, serviceAccount)],
      dependsOn: [release],
    });
    this.ready = [issuer.release];
  }
}

/** The ClusterIssuer: one DNS-01 solver per zone, chosen by selector. */
export function clusterIssuerManifest(name: string, server: string, zone: RegionZoneSolver, global: GlobalNameSolver | undefined, serviceAccount: string): Record<string, unknown> {
  const regional =
    zone.cloud === 'aws'
      ? { route53: { region: zone.region, hostedZoneID: zone.zoneId } }
      : { azureDNS: { subscriptionID: zone.subscriptionId, resourceGroupName: zone.resourceGroupName, hostedZoneName: zone.zoneName, environment: 'AzurePublicCloud', managedIdentity: { clientID: zone.clientId } } };
  const solvers: Record<string, unknown>[] = [{ selector: { dnsZones: [zone.zoneName] }, dns01: regional }];
  if (global && global.hostnames.length > 0) {
    const auth = global.via === 'service-account-token' ? { auth: { kubernetes: { serviceAccountRef: { name: serviceAccount, audiences: ['sts.amazonaws.com'] } } } } : {};
    // Route53 is a global service; its API lives in us-east-1.
    solvers.push({ selector: { dnsNames: [...global.hostnames] }, dns01: { route53: { region: 'us-east-1', role: global.roleArn, ...auth } } });
  }
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name },
    spec: { acme: { server, privateKeySecretRef: { name: `${name}-account-key` }, solvers } },
  };
}

/** The chart values, from typed settings only. */
export function certManagerValues(identity: CertManagerIdentity, serviceAccount: string): string {
  const annotations = identity.cloud === 'aws' ? { 'eks.amazonaws.com/role-arn': identity.roleArn } : { 'azure.workload.identity/client-id': identity.clientId };
  return stringify({
    crds: { enabled: true, keep: true },
    replicaCount: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    serviceAccount: { create: true, name: serviceAccount, annotations },
    ...(identity.cloud === 'azure' ? { podLabels: { 'azure.workload.identity/use': 'true' } } : {}),
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    cainjector: { resources: { requests: { cpu: '20m', memory: '128Mi' }, limits: { memory: '256Mi' } } },
  });
}
