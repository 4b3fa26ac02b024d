/**
 * Where each edge controller runs: the cloud identities (IRSA roles, federated identities) of the infrastructure
 * layer trust exactly these service accounts, and the platform layer's charts create exactly these.
 */
export const EDGE_SERVICE_ACCOUNTS = {
  loadBalancerController: { namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller' },
  certManager: { namespace: 'cert-manager', serviceAccount: 'cert-manager' },
  externalDns: { namespace: 'external-dns', serviceAccount: 'external-dns' },
} as const;

/** Let's Encrypt's production directory. */
export const LETS_ENCRYPT = 'https://acme-v02.api.letsencrypt.org/directory';

/** The record names an ACME DNS-01 challenge writes for these host names (`_acme-challenge.<name>`). */
export function acmeChallengeNames(hostnames: readonly string[]): string[] {
  return hostnames.map((h) => `_acme-challenge.${h.replace(/^\*\./, '')}`);
}
