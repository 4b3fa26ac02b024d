import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { externalSecretManifest } from '../secrets/external-secret';
import type { SecretRef } from '../secrets/secret-store';
import { teamRbac } from './gitops';
import { ManifestsRelease } from './manifests-release';

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
  /**
   * Single sign-on through an OIDC provider (Entra ID, Okta, …): people log in with their identity and get the
   * Argo CD role their group maps to. Its client secret is synchronized from the cloud's secret store.
   * @default - no SSO: the local admin is the only way in
   */
  readonly sso?: ArgoCdSso;
  /**
   * Keep the local `admin` account. Without SSO it is the only login, so it is on; with SSO it is off unless asked.
   * @default - on without SSO, off with it
   */
  readonly localAdmin?: boolean;
}

/** Argo CD's OIDC login. */
export interface ArgoCdSso {
  /** The OIDC issuer URL, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Where the client secret lives in the cloud's secret store. */
  readonly clientSecret: SecretRef;
  /** Identity-provider group (name or object id) → Argo CD role; anyone else gets no access. */
  readonly groups: Readonly<Record<string, 'admin' | 'readonly'>>;
  /** Team (its AppProject) → identity-provider groups that manage that project's applications only. @default {} */
  readonly teams?: Readonly<Record<string, readonly string[]>>;
  /** The ClusterSecretStore the client secret is read through, and what must exist first (ExternalSecrets.ready). */
  readonly secretStore: { readonly name: string; readonly ready: readonly ITerraformDependable[] };
}

/** The secret Argo CD reads the OIDC client secret from (`$argocd-oidc:clientSecret` in oidc.config). */
const OIDC_SECRET = 'argocd-oidc';

/**
 * Argo CD from its official Helm chart at a pinned version, with values built from typed props: SSO with group →
 * role mapping (nobody else gets in), the local admin only where there is no SSO or when asked, HA when asked. The
 * seeds' GitOps loop: Argo CD pulls the manifests and reverts manual changes.
 */
export class ArgoCd extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ArgoCdProps) {
    super(scope, id);
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(props.domain)) throw new Error(`argoCd.domain: not a DNS name (got "${props.domain}")`);
    const version = props.chartVersion ?? ARGO_CD_CHART.version;
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`argoCd.chartVersion: pin an exact chart version like 8.5.0 (got "${version}")`);
    const replicas = props.highAvailability ? 2 : 1;
    if (props.sso) {
      if (!/^https:\/\/\S+$/.test(props.sso.issuer)) throw new Error(`argoCd.sso.issuer: an https URL (got "${props.sso.issuer}")`);
      if (Object.keys(props.sso.groups).length === 0) throw new Error('argoCd.sso.groups: map at least one group to a role, or nobody can do anything');
    }
    if (props.localAdmin === false && !props.sso) throw new Error('argoCd.localAdmin: without SSO the local admin is the only way in; configure sso to turn it off');
    const namespace = props.namespace ?? 'argocd';
    this.release = new Release(this, 'Release', {
      name: 'argo-cd',
      namespace,
      createNamespace: true,
      repository: ARGO_CD_CHART.repository,
      chart: ARGO_CD_CHART.chart,
      version,
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      values: [argoCdValues(props.domain, replicas, props.highAvailability ?? false, props.sso, props.localAdmin ?? !props.sso)],
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    if (props.sso) {
      const secret = externalSecretManifest({
        name: OIDC_SECRET,
        namespace,
        store: props.sso.secretStore.name,
        keys: [{ secretKey: 'clientSecret', ref: props.sso.clientSecret }],
        // Argo CD only reads secrets it is part of.
        labels: { 'app.kubernetes.io/part-of': 'argocd' },
      });
      new ManifestsRelease(this, 'OidcSecret', { name: 'argocd-oidc', namespace, manifests: [secret], dependsOn: [this.release, ...props.sso.secretStore.ready] });
    }
  }
}

/** The chart values, as YAML, from typed settings only. */
export function argoCdValues(domain: string, replicas: number, ha: boolean, sso?: Omit<ArgoCdSso, 'secretStore'>, localAdmin = !sso): string {
  const oidc = sso
    ? {
        'oidc.config': stringify({
          name: 'SSO',
          issuer: sso.issuer,
          clientID: sso.clientId,
          clientSecret: `$${OIDC_SECRET}:clientSecret`,
          requestedScopes: ['openid', 'profile', 'email', 'groups'],
        }),
      }
    : {};
  const rbac = sso
    ? {
        // Deny by default: only the mapped groups get a role.
        'policy.default': '',
        'policy.csv': [...Object.entries(sso.groups).map(([group, role]) => `g, ${group}, role:${role}`), ...teamRbac(sso.teams ?? {})].join('\n'),
        scopes: '[groups]',
      }
    : {};
  return stringify({
    global: { domain },
    configs: { cm: { 'admin.enabled': localAdmin, ...oidc }, params: { 'server.insecure': false }, ...(sso ? { rbac } : {}) },
    'redis-ha': { enabled: ha },
    controller: { replicas: 1 },
    server: { replicas },
    repoServer: { replicas },
    applicationSet: { replicas },
    dex: { enabled: false },
  });
}
