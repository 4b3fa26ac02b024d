import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Construct } from 'constructs';
import { ICluster } from '../cluster/cluster';

/** The kubernetes and helm providers of one cluster. */
export interface ClusterProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/**
 * Configures the kubernetes and helm providers from an ICluster: host and CA from the cluster, credentials from
 * a short-lived token command (`aws eks get-token`, `kubelogin`), so no secret lands in the synthesized JSON.
 */
export function clusterProviders(scope: Construct, cluster: ICluster): ClusterProviders {
  const auth = cluster.kubernetesAuth;
  const exec = auth.exec ? { apiVersion: auth.exec.apiVersion, command: auth.exec.command, args: [...auth.exec.args] } : undefined;
  const kubernetes = new KubernetesProvider(scope, 'kubernetes', {
    host: auth.host,
    clusterCaCertificate: auth.clusterCaCertificate,
    exec: exec ? [exec] : undefined,
  });
  const helm = new HelmProvider(scope, 'helm', {
    kubernetes: { host: auth.host, clusterCaCertificate: auth.clusterCaCertificate, exec },
  });
  return { kubernetes, helm };
}
