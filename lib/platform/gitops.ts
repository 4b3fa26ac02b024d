import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { externalSecretManifest } from '../secrets/external-secret';
import { ManifestsRelease } from './manifests-release';

/** Where a cluster's desired state lives in Git. */
export interface GitOpsSource {
  /** `https://host/org/repo.git`, `ssh://git@host/org/repo.git` or `git@host:org/repo.git`. */
  readonly repository: string;
  /** Branch, tag or commit. */
  readonly revision: string;
  /** The cluster's directory in the repository: the root Application's children live there. */
  readonly path: string;
  /**
   * The repository's read credentials in the cloud's secret store: a JSON secret with `username` and `password`
   * (HTTPS) or `sshPrivateKey` (SSH), synchronized by External Secrets — never through Terraform state.
   * @default - a public repository
   */
  readonly credentials?: string;
}

/** A team: its Argo CD project may deploy only into its namespaces, and nothing cluster-scoped. */
export interface GitOpsTeam {
  readonly name: string;
  readonly namespaces: readonly string[];
}

export interface GitOpsProps {
  readonly source: GitOpsSource;
  /** One AppProject each. @default [] */
  readonly teams?: readonly GitOpsTeam[];
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /**
   * The ClusterSecretStore that holds the repository credentials, and what must exist first. Needed with credentials.
   * @default - none (a public repository needs none)
   */
  readonly secretStore?: {
    /** The ClusterSecretStore's name. */
    readonly name: string;
    /** What must exist before an ExternalSecret can use it. */
    readonly ready: readonly ITerraformDependable[];
  };
  /** Argo CD's release: it installs the Application and AppProject CRDs these objects need. */
  readonly dependsOn: readonly ITerraformDependable[];
}

const IN_CLUSTER = 'https://kubernetes.default.svc';
/** What the platform layer sets in every team namespace (quotas, defaults): a team's project may not replace it. */
const PLATFORM_OWNED_KINDS = ['ResourceQuota', 'LimitRange'];

/** The AppProject name of the platform team: every namespace, cluster-scoped kinds, the root Application. */
export const PLATFORM_PROJECT = 'platform';

/**
 * The GitOps loop the seeds describe: Argo CD's root Application (app-of-apps) follows the cluster's path in the
 * repository with automated sync, self-heal (a change made from outside is reverted) and prune; one AppProject per
 * team limited to its namespaces, one for the platform; the repository credentials synchronized from the secret
 * store by External Secrets with Argo CD's repository label. Applied as a release of the local manifests chart
 * after Argo CD's own release, so the CRDs exist first.
 */
export class GitOps extends Construct {
  public readonly release: ManifestsRelease;

  constructor(scope: Construct, id: string, props: GitOpsProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'argocd';
    const { source } = props;
    if (source.credentials && !props.secretStore) throw new Error('gitops.credentials: the cluster has no secret store to read them from');
    const teams = props.teams ?? [];
    const clash = teams.find((t) => t.name === PLATFORM_PROJECT);
    if (clash) throw new Error(`gitops.teams: "${PLATFORM_PROJECT}" is the platform's own project`);
    const project = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name, namespace }, spec: { sourceRepos: [source.repository], ...spec } });
    const manifests: Record<string, unknown>[] = [
      project(PLATFORM_PROJECT, {
        description: 'The platform team: every namespace and cluster-scoped kinds; holds the root Application.',
        destinations: [{ server: IN_CLUSTER, namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      }),
      ...teams.map((t) =>
        project(t.name, {
          description: `Team ${t.name}: its namespaces only, no cluster-scoped kinds.`,
          destinations: t.namespaces.map((ns) => ({ server: IN_CLUSTER, namespace: ns })),
          clusterResourceWhitelist: [],
          namespaceResourceBlacklist: PLATFORM_OWNED_KINDS.map((kind) => ({ group: '', kind })),
        }),
      ),
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'root', namespace },
        spec: {
          project: PLATFORM_PROJECT,
          source: { repoURL: source.repository, targetRevision: source.revision, path: source.path },
          destination: { server: IN_CLUSTER, namespace },
          syncPolicy: {
            // Self-heal reverts changes made from outside; prune removes what left the repository.
            automated: { prune: true, selfHeal: true },
            syncOptions: ['PruneLast=true'],
            retry: { limit: 5, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } },
          },
        },
      },
    ];
    if (source.credentials && props.secretStore) {
      const ssh = !source.repository.startsWith('https://');
      const keys = ssh ? ['sshPrivateKey'] : ['username', 'password'];
      manifests.push(
        externalSecretManifest({
          name: 'gitops-repository',
          namespace,
          store: props.secretStore.name,
          keys: keys.map((k) => ({ secretKey: k, ref: { name: source.credentials as string, property: k } })),
          // Argo CD reads repository secrets by this label; the URL and type sit beside the synchronized keys.
          labels: { 'argocd.argoproj.io/secret-type': 'repository' },
          template: { type: 'git', url: source.repository, ...Object.fromEntries(keys.map((k) => [k, `{{ .${k} }}`])) },
        }),
      );
    }
    this.release = new ManifestsRelease(this, 'Manifests', {
      name: 'gitops',
      namespace,
      manifests,
      dependsOn: [...props.dependsOn, ...(props.secretStore?.ready ?? [])],
    });
  }
}

/** Argo CD RBAC lines of the teams: each group manages its team's project's applications, nothing else. */
export function teamRbac(teams: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(teams).flatMap(([team, groups]) => [
    `p, role:team-${team}, applications, *, ${team}/*, allow`,
    `p, role:team-${team}, logs, get, ${team}/*, allow`,
    `p, role:team-${team}, projects, get, ${team}, allow`,
    ...groups.map((g) => `g, ${g}, role:team-${team}`),
  ]);
}
