import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Aspects, IAspect, TerraformDataSource, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ICluster } from '../cluster/cluster';

/** The kubernetes and helm providers of one cluster. */
export interface ClusterProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/**
 * Configures the kubernetes and helm providers from an ICluster: host and CA from the cluster, credentials from
 * a short-lived token command (`aws eks get-token`, `kubelogin`), so no secret lands in the synthesized JSON.
 * With `alias`, they are aliased providers (ids `kubernetes-<alias>`, `helm-<alias>`): one pair per cluster when a
 * stack configures several; hand them to `useClusterProviders`.
 */
export function clusterProviders(scope: Construct, cluster: ICluster, alias?: string): ClusterProviders {
  const auth = cluster.kubernetesAuth;
  const exec = auth.exec ? { apiVersion: auth.exec.apiVersion, command: auth.exec.command, args: [...auth.exec.args] } : undefined;
  const suffix = alias ? `-${alias}` : '';
  const kubernetes = new KubernetesProvider(scope, `kubernetes${suffix}`, {
    alias,
    host: auth.host,
    clusterCaCertificate: auth.clusterCaCertificate,
    exec: exec ? [exec] : undefined,
  });
  const helm = new HelmProvider(scope, `helm${suffix}`, {
    alias,
    kubernetes: { host: auth.host, clusterCaCertificate: auth.clusterCaCertificate, exec },
  });
  return { kubernetes, helm };
}

/**
 * Puts every kubernetes and helm resource and data source under `scope` on the given providers — how a construct
 * (ClusterPlatform, ArtifactoryReplica, an edge) is pointed at one cluster of several. Constructs never create
 * providers themselves.
 */
export function useClusterProviders(scope: IConstruct, providers: ClusterProviders): void {
  Aspects.of(scope).add(new UseClusterProviders(providers));
}

class UseClusterProviders implements IAspect {
  constructor(private readonly providers: ClusterProviders) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) return;
    const type = node.terraformResourceType;
    if (type.startsWith('kubernetes_')) node.provider = this.providers.kubernetes;
    else if (type.startsWith('helm_')) node.provider = this.providers.helm;
  }
}
