import type { SecretRef } from './secret-store';

/** One key of a Kubernetes secret, synchronized from the cloud's secret store. */
export interface ExternalSecretKey {
  /** The key in the Kubernetes secret. */
  readonly secretKey: string;
  readonly ref: SecretRef;
}

export interface ExternalSecretSpec {
  /** The Kubernetes secret to create (and the ExternalSecret's name). */
  readonly name: string;
  readonly namespace: string;
  /** The ClusterSecretStore to read from. */
  readonly store: string;
  readonly keys: readonly ExternalSecretKey[];
  /**
   * Keys rendered from a template instead (ESO templating; `{{ .<secretKey> }}` reads a synchronized key), for
   * secrets that mix secret and plain values, such as a JDBC URL beside a password.
   * @default - the keys as they are
   */
  readonly template?: Readonly<Record<string, string>>;
  /**
   * How often ESO re-reads the store: a rotated secret reaches the cluster within this interval.
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /** Labels of the Kubernetes secret (some readers only read labelled secrets). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An `ExternalSecret` (external-secrets.io/v1): the External Secrets Operator creates and refreshes the Kubernetes
 * secret from the cloud's secret store, so no secret value passes through Terraform state or plans.
 */
export function externalSecretManifest(spec: ExternalSecretSpec): Record<string, unknown> {
  if (spec.keys.length === 0) throw new Error(`externalSecret ${spec.name}: at least one key`);
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: spec.name, namespace: spec.namespace },
    spec: {
      refreshInterval: spec.refreshInterval ?? '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: spec.store },
      target: {
        name: spec.name,
        creationPolicy: 'Owner',
        ...(spec.template || spec.labels
          ? { template: { engineVersion: 'v2', ...(spec.labels ? { metadata: { labels: { ...spec.labels } } } : {}), ...(spec.template ? { data: { ...spec.template } } : {}) } }
          : {}),
      },
      data: spec.keys.map((k) => ({ secretKey: k.secretKey, remoteRef: { key: k.ref.name, ...(k.ref.property ? { property: k.ref.property } : {}) } })),
    },
  };
}
