import { addChartRelease } from './chart-release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ManifestsRelease } from './manifests-release';

/** The pinned chart (External Secrets Operator v2.9.0). Bump deliberately, with a plan review. */
export const EXTERNAL_SECRETS_CHART = { repository: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' } as const;

/** Where the operator reads secrets, and as which cloud identity. */
export type ExternalSecretsBackend =
  | { readonly cloud: 'aws'; readonly region: string; /** IRSA role of the operator's service account. */ readonly roleArn: string }
  | { readonly cloud: 'azure'; readonly vaultUrl: string; /** Client id of the operator's workload identity. */ readonly clientId: string };

export interface ExternalSecretsProps {
  readonly backend: ExternalSecretsBackend;
  /** @default 'external-secrets' */
  readonly namespace?: string;
  /** Name of the ClusterSecretStore every ExternalSecret refers to. @default 'cloud-secrets' */
  readonly storeName?: string;
  /** What must exist first (node pools, cluster access). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The External Secrets Operator from its official chart, and one ClusterSecretStore on the cloud's secret store
 * (Secrets Manager through IRSA, Key Vault through workload identity). Secrets then reach the cluster without
 * passing through Terraform, and a secret rotated in the store reaches the cluster within the refresh interval.
 */
export class ExternalSecrets extends Construct {
  public readonly storeName: string;
  /** What ExternalSecrets must wait for: the store exists (and so do the CRDs and the operator). */
  public readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'external-secrets';
    const serviceAccount = 'external-secrets';
    this.storeName = props.storeName ?? 'cloud-secrets';
    const { backend } = props;
    const operator = addChartRelease(this, {
      chart: EXTERNAL_SECRETS_CHART,
      name: 'external-secrets',
      namespace,
      createNamespace: true,
      values: externalSecretsValues(backend, serviceAccount),
      dependsOn: props.dependsOn,
    });
    const provider =
      backend.cloud === 'aws'
        ? { aws: { service: 'SecretsManager', region: backend.region, auth: { jwt: { serviceAccountRef: { name: serviceAccount, namespace } } } } }
        : { azurekv: { authType: 'WorkloadIdentity', vaultUrl: backend.vaultUrl, serviceAccountRef: { name: serviceAccount, namespace } } };
    const store = new ManifestsRelease(this, 'Store', {
      name: 'cluster-secret-store',
      namespace,
      manifests: [{ apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: this.storeName }, spec: { provider } }],
      dependsOn: [operator],
    });
    this.ready = [store.release];
  }
}

/** The chart values, from typed settings only. */
export function externalSecretsValues(backend: ExternalSecretsBackend, serviceAccount: string): string {
  const identity =
    backend.cloud === 'aws'
      ? { serviceAccount: { create: true, name: serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': backend.roleArn } } }
      : {
          serviceAccount: { create: true, name: serviceAccount, annotations: { 'azure.workload.identity/client-id': backend.clientId } },
          podLabels: { 'azure.workload.identity/use': 'true' },
        };
  return stringify({
    installCRDs: true,
    ...identity,
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    webhook: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    certController: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
  });
}
