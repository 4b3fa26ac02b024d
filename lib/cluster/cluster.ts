import { ITerraformDependable } from 'cdktf';
import { Fn } from 'cdktf';
import { IConstruct } from 'constructs';
import { accessGrantProblems, nodePoolProblems } from './cluster-rules';

/** A taint on every node of a pool. */
export interface NodeTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A pool of worker nodes, cloud-neutral. */
export interface NodePoolProps {
  /** EC2 instance types (AWS) or a single VM size (Azure). */
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly taints?: readonly NodeTaint[];
  /**
   * Root / OS disk size.
   * @default 50
   */
  readonly diskSizeGb?: number;
}

/**
 * What an access grant allows: the Kubernetes roles `admin`, `edit`, `view`, cluster-wide administration, or
 * `view-all` — read everything, Secrets included, write nothing: what a plan of Helm releases needs (Helm keeps
 * release records in Secrets), for the read-only identity that plans in CI.
 */
export type AccessPolicy = 'cluster-admin' | 'admin' | 'edit' | 'view' | 'view-all';

/** Who may use the cluster and how; `namespaces` narrows the grant to those namespaces. */
export interface AccessGrant {
  /** IAM principal ARN (AWS) or Entra ID object id (Azure). */
  readonly principal: string;
  readonly policy: AccessPolicy;
  /** @default - cluster-wide */
  readonly namespaces?: readonly string[];
  /**
   * Azure only: what kind of Entra ID object `principal` is — a group of people, or the service principal of an
   * automation identity (CI).
   * @default 'group'
   */
  readonly principalType?: 'group' | 'service-principal';
}

/** How a kubernetes or helm provider authenticates to a cluster without a stored secret where the cloud allows. */
export interface KubernetesProviderAuth {
  readonly host: string;
  /** Base64-decoded cluster CA certificate (PEM). */
  readonly clusterCaCertificate: string;
  /**
   * A short-lived token command (`aws eks get-token`, `kubelogin`).
   * @default - none: the provider's own credentials
   */
  readonly exec?: { readonly apiVersion: string; readonly command: string; readonly args: readonly string[] };
}

/** The Entra ID application of the AKS API server: kubelogin asks tokens for it. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * How the kubernetes and helm providers reach a cluster without a stored secret: host and CA, and a token command
 * run per Terraform run as the caller's own identity — `aws eks get-token` on EKS; `kubelogin` on AKS, where local
 * accounts are off and the kubeconfig holds no credentials.
 */
export function tokenAuth(cloud: 'aws' | 'azure', host: string, caData: string, cluster: { readonly name: string; readonly region?: string }): KubernetesProviderAuth {
  const args =
    cloud === 'aws'
      ? ['eks', 'get-token', '--cluster-name', cluster.name, ...(cluster.region ? ['--region', cluster.region] : [])]
      : ['get-token', '--login', 'azurecli', '--server-id', AKS_SERVER_APP_ID];
  return {
    host,
    clusterCaCertificate: Fn.base64decode(caData),
    exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: cloud === 'aws' ? 'aws' : 'kubelogin', args },
  };
}

/** A managed Kubernetes cluster: EKS on AWS, AKS on Azure. */
export interface ICluster extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  readonly clusterName: string;
  /** API server URL (a Terraform reference). */
  readonly endpoint: string;
  /** Base64 cluster CA (a Terraform reference). */
  readonly certificateAuthorityData: string;
  /** OIDC issuer URL for workload identity / IRSA (a Terraform reference). */
  readonly oidcIssuerUrl: string;
  readonly kubernetesVersion: string;
  /** Names of the node pools. */
  readonly nodePoolNames: readonly string[];
  /** What the kubernetes and helm providers need to talk to this cluster. */
  readonly kubernetesAuth: KubernetesProviderAuth;
  /** What must exist before pods can run: node pools and, on EKS, the networking add-ons. */
  readonly workloadReady: readonly ITerraformDependable[];
}

/**
 * Checks a node pool for a cloud; throws the first problem as a one-line error naming the prop (the rules live in
 * cluster-rules.ts and are shared with the catalogue).
 * @param prefix the prop path of the pool, e.g. `nodePools.general`
 */
export function validateNodePool(prefix: string, pool: NodePoolProps, cloud: 'aws' | 'azure'): void {
  const problem = nodePoolProblems(cloud, pool).find((p) => !p.warning);
  if (problem) throw new Error(`${prefix}.${problem.path}: ${problem.message}`);
}

/** Checks an access grant for a cloud; throws the first problem as a one-line error naming the prop. */
export function validateAccessGrant(prefix: string, grant: AccessGrant, cloud: 'aws' | 'azure'): void {
  const [problem] = accessGrantProblems(cloud, grant);
  if (problem) throw new Error(`${prefix}.${problem.path}: ${problem.message}`);
}
