import { parse } from 'yaml';
import { parseCatalogue } from '../../regions/load';
import { catalogueCopy, problemsOf } from '../support/catalogue';
import { synthLayers } from '../support/region';
import { byType } from '../support/synth';

/*
 * What a platform team expects on day one, at synth level: the GitOps loop (root Application, projects, RBAC,
 * repository credentials through External Secrets), node autoscaling on both clouds and metrics-server on EKS.
 */

const releases = (json: any) => Object.entries<any>(byType(json, 'helm_release')).map(([id, r]) => ({ id, ...r, parsed: parse(r.values[0]) }));
const release = (json: any, name: string) => {
  const found = releases(json).filter((r) => r.name === name);
  expect([name, found.length]).toEqual([name, 1]);
  return found[0];
};
const manifestsOf = (json: any, name: string): any[] => release(json, name).parsed.manifests;

describe('the GitOps loop', () => {
  const prod = synthLayers('prod-use1');
  const dev = synthLayers('dev-use1');
  const byKind = (json: any, kind: string) => manifestsOf(json, 'gitops').filter((m) => m.kind === kind);

  it('bootstraps a root Application per cluster: its own path, the environment\'s revision, automated sync with self-heal and prune', () => {
    const [root] = byKind(prod.platform, 'Application');
    expect(root.metadata).toEqual({ name: 'root', namespace: 'argocd' });
    expect(root.spec.source).toEqual({ repoURL: 'https://github.com/kore-platform/gitops.git', targetRevision: 'release', path: 'clusters/prod/us-east-1' });
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(root.spec.project).toBe('platform');
    expect(byKind(dev.platform, 'Application')[0].spec.source).toMatchObject({ targetRevision: 'main', path: 'clusters/dev/us-east-1' });
  });

  it('gives each team (an access grant with namespaces) a project limited to its namespaces, with no cluster-scoped kinds', () => {
    const projects = Object.fromEntries(byKind(prod.platform, 'AppProject').map((p) => [p.metadata.name, p.spec]));
    expect(Object.keys(projects).sort()).toEqual(['developers', 'platform']);
    expect(projects.developers).toMatchObject({
      sourceRepos: ['https://github.com/kore-platform/gitops.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'production' }],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }],
    });
    expect(projects.platform.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
  });

  it('maps the SSO teams to their project in Argo CD RBAC, and nobody else', () => {
    const csv: string = release(prod.platform, 'argo-cd').parsed.configs.rbac['policy.csv'];
    expect(csv.split('\n')).toEqual(expect.arrayContaining([
      'p, role:team-developers, applications, *, developers/*, allow',
      'p, role:team-developers, projects, get, developers, allow',
      'g, 0c6f1e4a-0000-4000-8000-0000000000b3, role:team-developers',
    ]));
    expect(release(prod.platform, 'argo-cd').parsed.configs.rbac['policy.default']).toBe('');
  });

  it('syncs the repository credentials with External Secrets, labelled for Argo CD, never through state', () => {
    const [secret] = byKind(prod.platform, 'ExternalSecret');
    expect(secret.spec.target.template.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(secret.spec.target.template.data).toEqual({ type: 'git', url: 'https://github.com/kore-platform/gitops.git', username: '{{ .username }}', password: '{{ .password }}' });
    expect(secret.spec.data).toEqual([
      { secretKey: 'username', remoteRef: { key: 'kore/gitops/repository', property: 'username' } },
      { secretKey: 'password', remoteRef: { key: 'kore/gitops/repository', property: 'password' } },
    ]);
    // Nothing reads the secret's value into Terraform.
    expect(JSON.stringify(prod.platform.data ?? {})).not.toContain('kore/gitops/repository');
  });

  it('applies after Argo CD (its CRDs), the secret store and the team namespaces', () => {
    const gitops = release(prod.platform, 'gitops');
    const argo = release(prod.platform, 'argo-cd');
    expect(gitops.depends_on).toEqual(expect.arrayContaining([`helm_release.${argo.id}`, expect.stringMatching(/^helm_release\.ExternalSecrets_/), expect.stringMatching(/^kubernetes_namespace_v1\.Platform_Namespace-production_/)]));
  });

  it.each([
    [(c: any) => (c.gitops.repository = 'github.com/kore/gitops'), /gitops\.repository: a Git repository URL/],
    [(c: any) => (c.gitops.revision = 'my branch'), /gitops\.revision: a branch, tag or commit/],
    [(c: any) => (c.gitops.path = '../other/{region}'), /gitops\.path: a relative path inside the repository, no "\.\."/],
    [(c: any) => (c.gitops.path = 'clusters/{team}'), /gitops\.path: placeholders are \{environment\}, \{region\}, \{id\}, \{cloud\}/],
    [(c: any) => (c.regions.find((r: any) => r.id === 'prod-use1').cluster.argoCd.sso.teams = { testers: ['g'] }), /prod-use1.*sso\.teams\.testers: no access grant "testers" in this entry \(have: platform, developers\)/],
    [(c: any) => (c.regions.find((r: any) => r.id === 'prod-use1').cluster.argoCd.sso.teams = { platform: ['g'] }), /sso\.teams\.platform: access grant "platform" has no namespaces/],
    [
      (c: any) => {
        // An Azure entry with no Key Vault at all (no Artifactory, no SSO): nowhere to read the credentials from.
        const weu = c.regions.find((r: any) => r.id === 'prod-weu');
        delete weu.artifactory;
        delete weu.cluster.argoCd.sso;
        c.replication.rules.docker.to = ['prod-apse1'];
        c.replication.rules.helm.to = ['prod-apse1'];
        c.globalNames.artifactory.regions = ['prod-use1', 'prod-apse1'];
      },
      /prod-weu.*cluster\.argoCd: gitops\.credentials: this Azure entry has no secret store/,
    ],
  ])('refuses a bad GitOps setting in one line (%#)', (mutate, message) => {
    const c = catalogueCopy();
    mutate(c);
    expect(problemsOf(c)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });
});

describe('node autoscaling and metrics', () => {
  const prod = synthLayers('prod-use1');
  const weu = synthLayers('prod-weu');

  it('EKS: an IRSA role for cluster-autoscaler that resizes only this cluster\'s tagged groups', () => {
    const role = Object.values<any>(byType(prod.infra, 'aws_iam_role')).find((r) => r.name === 'kore-prod-use1-cluster-autoscaler');
    // The trust's condition keys hold the issuer (a reference): read it as text.
    expect(role.assume_role_policy).toMatch(/:sub"\s*:\s*"system:serviceaccount:kube-system:cluster-autoscaler"/);
    expect(role.assume_role_policy).toContain('"Action":"sts:AssumeRoleWithWebIdentity"');
    const policy = JSON.parse(Object.values<any>(byType(prod.infra, 'aws_iam_role_policy')).find((p) => p.name === 'cluster-autoscaler').policy);
    const writes = policy.Statement.find((s: any) => s.Sid === 'ResizeOwnGroups');
    expect(writes).toEqual({ Sid: 'ResizeOwnGroups', Effect: 'Allow', Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/kore-prod-use1': 'owned' } } });
    expect(policy.Statement.find((s: any) => s.Sid === 'Discover').Action.every((a: string) => /:(Describe|Get)/.test(a))).toBe(true);
    expect(prod.infra.output.cluster_autoscaler_role_arn.value).toMatch(/aws_iam_role\.ClusterAutoscalerRole_\w+\.arn/);
  });

  it('EKS: the node groups leave their size to the autoscaler (no reset, no drift), bounds from the catalogue', () => {
    for (const g of Object.values<any>(byType(prod.infra, 'aws_eks_node_group'))) {
      expect(g.lifecycle.ignore_changes).toContain('scaling_config[0].desired_size');
      expect(g.scaling_config.max_size).toBeGreaterThanOrEqual(g.scaling_config.min_size);
    }
  });

  it('EKS: cluster-autoscaler and metrics-server from pinned charts, on the system pool, the autoscaler for the cluster\'s version', () => {
    const ca = release(prod.platform, 'cluster-autoscaler');
    expect(ca).toMatchObject({ chart: 'cluster-autoscaler', version: '9.59.0', namespace: 'kube-system' });
    expect(ca.parsed).toMatchObject({ cloudProvider: 'aws', awsRegion: 'us-east-1', autoDiscovery: { clusterName: 'kore-prod-use1' }, image: { tag: 'v1.31.0' } });
    expect(ca.parsed.rbac.serviceAccount).toEqual({ name: 'cluster-autoscaler', annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/terraform_remote_state\.infrastructure\.outputs\.cluster_autoscaler_role_arn/) } });
    expect(ca.parsed.extraArgs).toMatchObject({ expander: 'least-waste', 'balance-similar-node-groups': true, 'scale-down-unneeded-time': '10m', 'scale-down-utilization-threshold': 0.5 });
    const ms = release(prod.platform, 'metrics-server');
    expect(ms).toMatchObject({ chart: 'metrics-server', version: '3.13.1', namespace: 'kube-system' });
    expect(ms.parsed.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }]);
    // AKS has both built in: no such releases there.
    expect(releases(weu.platform).map((r) => r.name)).not.toEqual(expect.arrayContaining(['cluster-autoscaler']));
    expect(releases(weu.platform).map((r) => r.name)).not.toContain('metrics-server');
  });

  it('AKS: every pool autoscales between its bounds, with the autoscaler profile from the catalogue', () => {
    const c = catalogueCopy();
    c.regions.find((r) => r.id === 'prod-weu')!.cluster.autoscaler = { expander: 'priority', scaleDownUnneededTime: '20m', scaleDownUtilizationThreshold: 0.6 };
    const { infra } = synthLayers('prod-weu', parseCatalogue(c, 'test'));
    const [aks] = Object.values<any>(byType(infra, 'azurerm_kubernetes_cluster'));
    expect(aks.auto_scaler_profile).toEqual({ expander: 'priority', balance_similar_node_groups: true, scale_down_unneeded: '20m', scale_down_utilization_threshold: '0.6', skip_nodes_with_system_pods: true });
    expect(aks.default_node_pool).toMatchObject({ auto_scaling_enabled: true, min_count: expect.any(Number), max_count: expect.any(Number) });
    expect(aks.lifecycle.ignore_changes).toEqual(['default_node_pool[0].node_count']);
    for (const p of Object.values<any>(byType(infra, 'azurerm_kubernetes_cluster_node_pool'))) {
      expect(p).toMatchObject({ auto_scaling_enabled: true, lifecycle: { ignore_changes: ['node_count'] } });
      expect(p.max_count).toBeGreaterThanOrEqual(p.min_count);
    }
    const [defaults] = Object.values<any>(byType(weu.infra, 'azurerm_kubernetes_cluster'));
    expect(defaults.auto_scaler_profile.expander).toBe('least-waste');
  });

  it.each([
    [{ scaleDownUtilizationThreshold: 1.5 }, /cluster\.autoscaler\.scaleDownUtilizationThreshold/],
    [{ scaleDownUnneededTime: 'ten minutes' }, /cluster\.autoscaler\.scaleDownUnneededTime: a duration like 10m/],
    [{ expander: 'cheapest' }, /cluster\.autoscaler\.expander/],
  ])('refuses autoscaler settings %j in one line', (profile, message) => {
    const c = catalogueCopy();
    (c.regions[0].cluster as any).autoscaler = profile;
    expect(problemsOf(c)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });
});
