import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ICluster, KubernetesProviderAuth, tokenAuth } from './cluster';

/** How a cluster's API is reached, known once the cluster (or its lookup) exists; Terraform references. */
export interface ClusterConnection {
  readonly endpoint: string;
  /** Base64 cluster CA. */
  readonly certificateAuthorityData: string;
  readonly oidcIssuerUrl: string;
  readonly kubernetesVersion: string;
  /**
   * The cluster's region, for `aws eks get-token`.
   * @default - the caller's AWS CLI region
   */
  readonly region?: string;
}

/**
 * What every ICluster has, written once: name, node pools, connection and the provider credentials derived from it
 * (a short-lived token command, never a stored credential). EKS and AKS clusters and their lookups extend it and
 * call `connect` once the cluster resource or data source exists.
 */
export abstract class ClusterBase extends Construct implements ICluster {
  public abstract readonly cloud: 'aws' | 'azure';
  public readonly clusterName: string;
  public readonly nodePoolNames: readonly string[];
  /** What must exist before pods can run; subclasses add node pools, add-ons or access checks. */
  public readonly workloadReady: ITerraformDependable[] = [];
  private connection?: ClusterConnection & { readonly auth: KubernetesProviderAuth };

  protected constructor(scope: Construct, id: string, clusterName: string, nodePoolNames: readonly string[]) {
    super(scope, id);
    this.clusterName = clusterName;
    this.nodePoolNames = [...nodePoolNames];
  }

  /** Records how the API is reached; call once, from the subclass constructor. */
  protected connect(c: ClusterConnection): void {
    const auth = tokenAuth(this.cloud, c.endpoint, c.certificateAuthorityData, { name: this.clusterName, region: c.region });
    this.connection = { ...c, auth };
  }

  private get connected(): ClusterConnection & { readonly auth: KubernetesProviderAuth } {
    if (!this.connection) throw new Error(`${this.node.path}: the cluster's connection is read before the cluster exists`);
    return this.connection;
  }

  public get endpoint(): string {
    return this.connected.endpoint;
  }

  public get certificateAuthorityData(): string {
    return this.connected.certificateAuthorityData;
  }

  public get oidcIssuerUrl(): string {
    return this.connected.oidcIssuerUrl;
  }

  public get kubernetesVersion(): string {
    return this.connected.kubernetesVersion;
  }

  public get kubernetesAuth(): KubernetesProviderAuth {
    return this.connected.auth;
  }
}
