import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';

/** The pinned chart: argo-cd 8.5.0 ships Argo CD v3.1.5. Bump deliberately, with a plan review. */
export const ARGO_CD_CHART = { repository: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '8.5.0' } as const;

export interface ArgoCdProps {
  /** Host name of the Argo CD UI and API, e.g. `argocd.prod-use1.kore.example.com`. */
  readonly domain: string;
  /**
   * Run the HA layout (redis-ha, two replicas of server, repo server and applicationset controller).
   * @default false
   */
  readonly highAvailability?: boolean;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default ARGO_CD_CHART.version */
  readonly chartVersion?: string;
  /** What must exist first (node pools, CNI). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Argo CD from its official Helm chart at a pinned version, with values built from typed props: no local admin
 * (SSO only), HA when asked. The seeds' GitOps loop: Argo CD pulls the manifests and reverts manual changes.
 */
export class ArgoCd extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ArgoCdProps) {
    super(scope, id);
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(props.domain)) throw new Error(`argoCd.domain: not a DNS name (got "${props.domain}")`);
    const version = props.chartVersion ?? ARGO_CD_CHART.version;
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`argoCd.chartVersion: pin an exact chart version like 8.5.0 (got "${version}")`);
    const replicas = props.highAvailability ? 2 : 1;
    this.release = new Release(this, 'Release', {
      name: 'argo-cd',
      namespace: props.namespace ?? 'argocd',
      createNamespace: true,
      repository: ARGO_CD_CHART.repository,
      chart: ARGO_CD_CHART.chart,
      version,
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      values: [argoCdValues(props.domain, replicas, props.highAvailability ?? false)],
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}

/** The chart values, as YAML, from typed settings only. */
export function argoCdValues(domain: string, replicas: number, ha: boolean): string {
  return stringify({
    global: { domain },
    configs: { cm: { 'admin.enabled': false }, params: { 'server.insecure': false } },
    'redis-ha': { enabled: ha },
    controller: { replicas: 1 },
    server: { replicas },
    repoServer: { replicas },
    applicationSet: { replicas },
    dex: { enabled: false },
  });
}
