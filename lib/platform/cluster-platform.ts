import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { Construct } from 'constructs';
import { AccessGrant, ICluster } from '../cluster/cluster';
import { ArgoCd, ArgoCdProps } from './argo-cd';
import { DefaultStorageClass } from './default-storage-class';
import { GitOps, GitOpsProps } from './gitops';
import { PlatformNamespace, PlatformNamespaceProps } from './platform-namespace';

/** The Kubernetes ClusterRole each access policy binds to inside a namespace. */
const CLUSTER_ROLE: Record<Exclude<AccessGrant['policy'], 'cluster-admin' | 'view-all'>, string> = { admin: 'admin', edit: 'edit', view: 'view' };

export interface ClusterPlatformProps {
  readonly cluster: ICluster;
  /** Namespaces keyed by name. @default {} */
  readonly namespaces?: Readonly<Record<string, Omit<PlatformNamespaceProps, 'name'>>>;
  /** The cluster's access grants; the namespace-scoped ones get RoleBindings here. @default {} */
  readonly access?: Readonly<Record<string, AccessGrant>>;
  /** Install Argo CD. @default - not installed */
  readonly argoCd?: ArgoCdProps;
  /**
   * Close the GitOps loop: the root Application and the projects (needs `argoCd`). Teams are the access grants
   * with namespaces.
   * @default - Argo CD manages nothing
   */
  readonly gitOps?: Omit<GitOpsProps, 'dependsOn' | 'teams'>;
  /** @default true */
  readonly defaultStorageClass?: boolean;
}

/**
 * The same platform on EKS and AKS: namespaces with quotas and container defaults, RoleBindings that give identity groups their
 * namespaces only, a default encrypted storage class, and optionally Argo CD. It creates no provider: the stack
 * configures the kubernetes and helm providers (see `clusterProviders`), so two platforms never collide on
 * provider ids and nothing is configured behind the caller's back.
 */
export class ClusterPlatform extends Construct {
  public readonly namespaces: Readonly<Record<string, PlatformNamespace>>;
  public readonly argoCd?: ArgoCd;
  public readonly gitOps?: GitOps;

  constructor(scope: Construct, id: string, props: ClusterPlatformProps) {
    super(scope, id);
    const { cluster } = props;
    const namespaces: Record<string, PlatformNamespace> = {};
    for (const [name, spec] of Object.entries(props.namespaces ?? {})) {
      namespaces[name] = new PlatformNamespace(this, `Namespace-${name}`, { name, ...spec, dependsOn: cluster.workloadReady });
    }
    for (const [grantName, grant] of Object.entries(props.access ?? {})) {
      if (!grant.namespaces) continue; // cluster-wide grants are the cloud's (EKS access policy, Azure RBAC role)
      for (const ns of grant.namespaces) {
        if (!namespaces[ns]) throw new Error(`access.${grantName}.namespaces: namespace "${ns}" is not declared in namespaces (have: ${Object.keys(namespaces).join(', ') || 'none'})`);
      }
    }
    this.namespaces = namespaces;

    for (const [grantName, grant] of Object.entries(props.access ?? {})) {
      if (!grant.namespaces || grant.policy === 'cluster-admin' || grant.policy === 'view-all') continue;
      for (const ns of grant.namespaces) {
        new RoleBindingV1(this, `Binding-${grantName}-${ns}`, {
          metadata: { name: `kore-${grantName}`, namespace: namespaces[ns].namespace.metadata.name },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: CLUSTER_ROLE[grant.policy] },
          subject: [{ kind: 'Group', name: rbacGroupOf(cluster.cloud, grantName, grant), apiGroup: 'rbac.authorization.k8s.io' }],
        });
      }
    }

    if (props.defaultStorageClass ?? true) new DefaultStorageClass(this, 'StorageClass', { cloud: cluster.cloud, dependsOn: cluster.workloadReady });
    if (props.argoCd) {
      // Pods need nodes (and on EKS the CNI): install after the node pools and add-ons.
      this.argoCd = new ArgoCd(this, 'ArgoCd', { ...props.argoCd, dependsOn: [...(props.argoCd.dependsOn ?? []), ...cluster.workloadReady] });
    }
    if (props.gitOps) {
      if (!this.argoCd) throw new Error('gitOps: needs argoCd (the root Application is Argo CD\'s)');
      const teams = Object.entries(props.access ?? {}).flatMap(([name, g]) => (g.namespaces ? [{ name, namespaces: g.namespaces }] : []));
      // The team namespaces exist before a project points at them.
      const nsReady = Object.values(namespaces).map((n) => n.namespace);
      this.gitOps = new GitOps(this, 'GitOps', { ...props.gitOps, teams, dependsOn: [this.argoCd.release, ...nsReady] });
    }
  }
}

/**
 * The Kubernetes group an access grant arrives as: on EKS the access entry's Kubernetes group `kore:<grant>`, on
 * AKS with Entra ID the group's object id.
 */
export function rbacGroupOf(cloud: 'aws' | 'azure', grantName: string, grant: AccessGrant): string {
  return cloud === 'aws' ? `kore:${grantName}` : grant.principal;
}
