import { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * How a cluster publishes a workload to the internet, the same contract on every cloud: a Service of type
 * LoadBalancer with these annotations gets the cloud's internet-facing layer-4 load balancer and its DNS name in the
 * region's zone, and a cert-manager Certificate from `certificateIssuer` gets a publicly trusted certificate over
 * DNS-01 (which, unlike HTTP-01, also works for a global name that several regions serve).
 */
export interface IClusterEdge extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  /** Annotations of a LoadBalancer Service published as `hostname` (a name in the region's zone). */
  loadBalancerServiceAnnotations(hostname: string): Record<string, string>;
  /** The ClusterIssuer of publicly trusted certificates. */
  readonly certificateIssuer: string;
  /** What a Service or Certificate relying on the edge waits for (controllers running, issuer created). */
  readonly ready: readonly ITerraformDependable[];
}

/** A cert-manager Certificate for `hostnames` into Secret `secretName`; a self-signed stand-in exists until issued. */
export function certificateManifest(p: { name: string; namespace: string; secretName: string; hostnames: readonly string[]; issuer: string }): Record<string, unknown> {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      // The first certificate of a new region waits for its zone's delegation (global stack, last wave): a
      // temporary certificate lets the workload start meanwhile instead of failing the release.
      annotations: { 'cert-manager.io/issue-temporary-certificate': 'true' },
    },
    spec: {
      secretName: p.secretName,
      dnsNames: [...p.hostnames],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: p.issuer },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}
