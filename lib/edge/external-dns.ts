import { Release } from '@cdktf/provider-helm/lib/release';
import { addChartRelease } from '../platform/chart-release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { EDGE_SERVICE_ACCOUNTS } from './service-accounts';

/** The pinned chart (external-dns 1.21.1, app v0.21.0). Bump deliberately, with a plan review. */
export const EXTERNAL_DNS_CHART = { repository: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: '1.21.1' } as const;

export type ExternalDnsProvider =
  | { readonly cloud: 'aws'; /** IRSA role. */ readonly roleArn: string; readonly region: string; readonly zoneId: string }
  | {
      readonly cloud: 'azure';
      /** Client id of its workload identity. */
      readonly clientId: string;
      readonly tenantId: string;
      readonly subscriptionId: string;
      /** Resource group of the zone. */
      readonly resourceGroupName: string;
    };

export interface ExternalDnsProps {
  readonly provider: ExternalDnsProvider;
  /** The region's zone: the only domain it manages. */
  readonly zoneName: string;
  /** Owner id written in its TXT registry records: it changes only records carrying it. */
  readonly ownerId: string;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * external-dns from its official chart, owning exactly the region's records: one domain filter (the region's zone),
 * on AWS one zone id, a TXT registry with this stack as owner (records it did not create are never touched) and
 * `sync`, so a deleted Service loses its record too. Sources: Services (the edge publishes LoadBalancer Services).
 */
export class ExternalDns extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    super(scope, id);
    const { namespace, serviceAccount } = EDGE_SERVICE_ACCOUNTS.externalDns;
    const p = props.provider;
    let before = props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined;
    if (p.cloud === 'azure') {
      // The settings file must exist before the pod starts: namespace and ConfigMap first, then the release.
      const ns = new NamespaceV1(this, 'Namespace', { metadata: { name: namespace, labels: { 'kore.io/managed': 'true', 'pod-security.kubernetes.io/enforce': 'restricted' } }, dependsOn: before });
      const config = new ConfigMapV1(this, 'AzureConfig', { metadata: { name: AZURE_CONFIG_MAP, namespace: ns.metadata.name }, data: { 'azure.json': externalDnsAzureConfig(p) } });
      before = [config];
    }
    this.release = addChartRelease(this, {
      chart: EXTERNAL_DNS_CHART,
      name: 'external-dns',
      namespace,
      createNamespace: p.cloud === 'aws',
      values: externalDnsValues(props, serviceAccount),
      dependsOn: before,
    });
  }
}

/** The chart values, from typed settings only. */
export function externalDnsValues(props: ExternalDnsProps, serviceAccount: string): string {
  const p = props.provider;
  const common = {
    sources: ['service'],
    policy: 'sync',
    registry: 'txt',
    txtOwnerId: props.ownerId,
    domainFilters: [props.zoneName],
    resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  };
  if (p.cloud === 'aws') {
    return stringify({
      ...common,
      provider: { name: 'aws' },
      serviceAccount: { create: true, name: serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': p.roleArn } },
      env: [{ name: 'AWS_DEFAULT_REGION', value: p.region }],
      extraArgs: [`--zone-id-filter=${p.zoneId}`, '--aws-zone-type=public'],
    });
  }
  return stringify({
    ...common,
    provider: { name: 'azure' },
    serviceAccount: { create: true, name: serviceAccount, annotations: { 'azure.workload.identity/client-id': p.clientId } },
    podLabels: { 'azure.workload.identity/use': 'true' },
    extraVolumes: [{ name: 'azure-config', configMap: { name: AZURE_CONFIG_MAP } }],
    extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
  });
}

/** The ConfigMap the Azure provider reads its settings from (`/etc/kubernetes/azure.json`). */
const AZURE_CONFIG_MAP = 'external-dns-azure';

/** The Azure provider's settings file: with workload identity it holds no secret. */
export function externalDnsAzureConfig(p: Extract<ExternalDnsProvider, { cloud: 'azure' }>): string {
  return JSON.stringify({ tenantId: p.tenantId, subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroupName, useWorkloadIdentityExtension: true });
}
