import { Testing } from 'cdktf';
import { argoCdValues, ARGO_CD_CHART } from '../../lib/platform/argo-cd';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { addCatalogueStacks } from '../../stacks/app';
import { synthLayers } from '../support/region';
import { parse } from 'yaml';
import { catalogueCopy, problemsOf } from '../support/catalogue';
import { listOf } from '../support/synth';

function synthRegion(id: string, catalogue = defaultCatalogue()): any {
  return synthLayers(id, catalogue).platform;
}

describe.each([
  ['EKS', 'prod-use1', 'aws'],
  ['AKS', 'prod-weu', 'azure'],
])('cluster platform on %s', (_name, id, cloud) => {
  const json = synthRegion(id);
  const infraJson: any = synthLayers(id).infra;

  it('configures the kubernetes and helm providers from a lookup of the cluster with a token command, no stored secret', () => {
    const k8s = json.provider.kubernetes[0];
    const helm = json.provider.helm[0];
    // From a data source of this stack, never from a resource (the cluster lives in the infrastructure state).
    expect(k8s.host).toMatch(cloud === 'aws' ? /^\$\{data\.aws_eks_cluster\.[\w-]+\.endpoint\}$/ : /^\$\{data\.azurerm_kubernetes_cluster\.[\w-]+\.kube_config\[0\]\.host\}$/);
    expect(k8s.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\./);
    expect(Object.keys(json.resource).filter((t) => /eks_cluster$|kubernetes_cluster$/.test(t))).toEqual([]);
    expect(k8s.cluster_ca_certificate).toMatch(/^\$\{base64decode\(/);
    expect(k8s.exec[0].command).toBe(cloud === 'aws' ? 'aws' : 'kubelogin');
    expect(k8s.token).toBeUndefined();
    expect(k8s.client_key).toBeUndefined();
    expect(helm.kubernetes).toMatchObject({ host: k8s.host, exec: { command: k8s.exec[0].command } });
    // Secret-looking keys may only ever hold references (\${…}), never literal values.
    expect(JSON.stringify(json)).not.toMatch(/client_key|client_certificate"|kube_admin_config|"token":"[^$]/);
  });

  it('creates the catalogue namespaces with labels, a quota and container defaults', () => {
    const ns = listOf(json, 'kubernetes_namespace_v1').find((n) => n.metadata.name === 'production');
    expect(ns.metadata).toEqual({ name: 'production', labels: { 'kore.io/managed': 'true', 'pod-security.kubernetes.io/enforce': 'restricted', 'kore.io/team': 'apps' } });
    const [quota] = listOf(json, 'kubernetes_resource_quota_v1');
    expect(listOf(json, 'kubernetes_resource_quota_v1')).toHaveLength(1);
    expect(quota.spec.hard).toEqual(expect.objectContaining({ pods: expect.any(String), 'requests.cpu': expect.any(String), 'limits.memory': expect.any(String) }));
    const [limits] = listOf(json, 'kubernetes_limit_range_v1');
    expect(limits.spec.limit).toEqual([{ type: 'Container', default_request: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }]);
  });

  it('binds the developers group to its namespace only', () => {
    const bindings = listOf(json, 'kubernetes_role_binding_v1');
    expect(bindings).toHaveLength(1);
    const [b] = bindings;
    expect(b.metadata.namespace).toMatch(/kubernetes_namespace_v1\..*\.metadata\[0\]\.name|production/);
    expect(b.role_ref).toEqual({ api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
    const expectedGroup = cloud === 'aws' ? 'kore:developers' : '0c6f1e4a-0000-4000-8000-0000000000b2';
    expect(b.subject).toEqual([{ kind: 'Group', name: expectedGroup, api_group: 'rbac.authorization.k8s.io' }]);
    if (cloud === 'aws') {
      const entry = listOf(synthLayers(id).infra, 'aws_eks_access_entry').find((e) => e.principal_arn.endsWith('role/developers'));
      expect(entry.kubernetes_groups).toEqual(['kore:developers']);
    }
  });

  it('plans nothing in the cluster before the CI identities have their access (checked by lookups)', () => {
    const checks = cloud === 'aws' ? json.data.aws_eks_access_entry : json.data.azurerm_role_assignments;
    const principals = Object.values(checks).map((c: any) => (cloud === 'aws' ? c.principal_arn : c.principal_id)).sort();
    expect(principals).toEqual(
      cloud === 'aws'
        ? ['arn:aws:iam::333333333333:role/kore-ci-apply', 'arn:aws:iam::333333333333:role/kore-ci-plan']
        : ['9a3e5b70-0000-4000-8000-0000000000d1', '9a3e5b70-0000-4000-8000-0000000000d2'],
    );
    if (cloud === 'azure') {
      for (const c of Object.values(checks) as any[]) expect(c.lifecycle.postcondition[0].condition).toBe('${length(self.role_assignments) > 0}');
    }
    // Every in-cluster resource waits for both checks, directly or through what it depends on.
    const gate = cloud === 'aws' ? /^data\.aws_eks_access_entry\./ : /^data\.azurerm_role_assignments\./;
    const dependsOn = new Map<string, string[]>();
    for (const [type, items] of Object.entries(json.resource as Record<string, Record<string, any>>)) {
      for (const [name, r] of Object.entries(items)) dependsOn.set(`${type}.${name}`, [...(r.depends_on ?? []), ...(JSON.stringify(r).match(/(?<=\$\{)(kubernetes|helm)_[\w]+\.[\w-]+/g) ?? [])]);
    }
    const gates = (address: string, seen = new Set<string>()): Set<string> => {
      const found = new Set<string>();
      for (const d of dependsOn.get(address) ?? []) {
        if (gate.test(d)) found.add(d);
        else if (!seen.has(d)) for (const g of gates(d, seen.add(d))) found.add(g);
      }
      return found;
    };
    for (const type of ['kubernetes_namespace_v1', 'kubernetes_storage_class_v1', 'helm_release', 'kubernetes_job_v1', 'kubernetes_config_map_v1']) {
      for (const name of Object.keys(json.resource[type] ?? {})) expect([`${type}.${name}`, gates(`${type}.${name}`).size]).toEqual([`${type}.${name}`, 2]);
    }
  });

  it('keeps its own state key and reads the infrastructure layer only through named outputs', () => {
    const backend = json.terraform.backend[cloud === 'aws' ? 's3' : 'azurerm'];
    expect(backend.key).toBe(`kore/${cloud === 'aws' ? 'prod-us-east-1' : 'prod-westeurope'}-platform.tfstate`);
    const remote = json.data.terraform_remote_state.infrastructure;
    expect(remote.config.key).toBe(`kore/${cloud === 'aws' ? 'prod-us-east-1' : 'prod-westeurope'}.tfstate`);
    const refs = JSON.stringify(json).match(/terraform_remote_state\.infrastructure\.outputs\.[\w-]+/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    // …and only outputs the infrastructure stack declares by that name.
    const declared = Object.keys(infraJson.output);
    for (const ref of refs) expect(declared).toContain(ref.replace(/^.*\.outputs\./, ''));
  });

  it('makes an encrypted default storage class with one call', () => {
    const [sc] = listOf(json, 'kubernetes_storage_class_v1');
    expect(sc.metadata.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true' });
    expect(sc).toMatchObject({ reclaim_policy: 'Delete', volume_binding_mode: 'WaitForFirstConsumer', allow_volume_expansion: true });
    if (cloud === 'aws') expect(sc).toMatchObject({ storage_provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' } });
    else expect(sc).toMatchObject({ storage_provisioner: 'disk.csi.azure.com', parameters: { skuName: 'Premium_ZRS', cachingMode: 'ReadOnly' } });
  });

  it('installs Argo CD from the pinned chart with typed values, after the nodes', () => {
    const release = listOf(json, 'helm_release').find((r) => r.chart === 'argo-cd');
    expect(release).toMatchObject({ name: 'argo-cd', namespace: 'argocd', repository: ARGO_CD_CHART.repository, chart: 'argo-cd', version: '8.5.0', atomic: true });
    const values = parse(release.values[0]);
    expect(values).toMatchObject({ global: { domain: `argocd.${id}.kore.example.com` }, 'redis-ha': { enabled: true }, server: { replicas: 2 }, configs: { cm: { 'admin.enabled': false } } });
    const waitsFor = cloud === 'aws' ? /^data\.aws_eks_access_entry\./ : /^data\.azurerm_role_assignments\./;
    expect(release.depends_on.length).toBeGreaterThan(0);
    for (const dep of release.depends_on) expect(dep).toMatch(waitsFor);
  });
});

describe('platform validation', () => {
  it('refuses access to a namespace the catalogue does not declare', () => {
    const c = catalogueCopy();
    (c.regions[0].cluster as any).access.developers.namespaces = ['develpoment'];
    expect(() => parseCatalogue(c, 'test')).toThrow('dev-use1.cluster.access.developers.namespaces.0: not declared in cluster.namespaces (have: development) (got "develpoment")');
  });

  it('refuses a quota that is not a Kubernetes quantity', () => {
    const c = catalogueCopy();
    (c.regions[0].cluster as any).namespaces.development.quota.requestsCpu = 'lots';
    expect(() => parseCatalogue(c, 'test')).toThrow('dev-use1.cluster.namespaces.development.quota.requestsCpu: not a Kubernetes quantity (such as 500m, 2, 16Gi) (got "lots")');
  });

  it('builds single-replica values without HA', () => {
    expect(parse(argoCdValues('argocd.example.com', 1, false))).toMatchObject({ 'redis-ha': { enabled: false }, server: { replicas: 1 }, repoServer: { replicas: 1 } });
  });

  it('gives sandbox entries no platform stack (the emulator has no Kubernetes API)', () => {
    const { sandboxCatalogue } = require('../../cli/sandbox/sandbox-catalogue');
    const app = Testing.app();
    addCatalogueStacks(app, parseCatalogue(sandboxCatalogue({ endpoint: 'https://127.0.0.1:4566' }), 'sandbox'));
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual(['bootstrap', 'dev-us-east-1', 'global']);
  });
});

describe('Argo CD login', () => {
  it('signs in through SSO with group → role mapping, the client secret synchronized, no local admin', () => {
    const json = synthRegion('prod-use1');
    const release = listOf(json, 'helm_release').find((r) => r.chart === 'argo-cd');
    const values = parse(release.values[0]);
    expect(values.configs.cm['admin.enabled']).toBe(false);
    expect(parse(values.configs.cm['oidc.config'])).toEqual({
      name: 'SSO', issuer: 'https://login.microsoftonline.com/7e2a9c10-0000-4000-8000-0000000000aa/v2.0', clientID: '2b7d4e10-0000-4000-8000-0000000000e1',
      clientSecret: '$argocd-oidc:clientSecret', requestedScopes: ['openid', 'profile', 'email', 'groups'],
    });
    expect(values.configs.rbac).toEqual({
      'policy.default': '', scopes: '[groups]',
      'policy.csv': [
        'g, 0c6f1e4a-0000-4000-8000-0000000000b1, role:admin',
        'g, 0c6f1e4a-0000-4000-8000-0000000000b2, role:readonly',
        // The developers' team: their project's applications only (the GitOps loop).
        'p, role:team-developers, applications, *, developers/*, allow',
        'p, role:team-developers, logs, get, developers/*, allow',
        'p, role:team-developers, projects, get, developers, allow',
        'g, 0c6f1e4a-0000-4000-8000-0000000000b3, role:team-developers',
      ].join('\n'),
    });
    const oidc = listOf(json, 'helm_release').find((r) => r.name === 'argocd-oidc');
    const [secret] = parse(oidc.values[0]).manifests;
    expect(secret).toMatchObject({
      kind: 'ExternalSecret', metadata: { name: 'argocd-oidc', namespace: 'argocd' },
      spec: { target: { template: { metadata: { labels: { 'app.kubernetes.io/part-of': 'argocd' } } } }, data: [{ secretKey: 'clientSecret', remoteRef: { key: 'kore/prod-use1/argocd-oidc-client-secret' } }] },
    });
    expect(oidc.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.Platform_ArgoCd_Release_/), expect.stringMatching(/^helm_release\.ExternalSecrets_Store_Release_/)]));
  });

  it('keeps the local admin where there is no SSO, the only way in', () => {
    const values = parse(listOf(synthRegion('dev-use1'), 'helm_release').find((r) => r.chart === 'argo-cd').values[0]);
    expect(values.configs.cm['admin.enabled']).toBe(true);
    expect(values.configs.cm['oidc.config']).toBeUndefined();
  });

  it('refuses turning the local admin off without SSO, and SSO on Azure without a Key Vault', () => {
    const c = catalogueCopy();
    (c.regions[0].cluster as any).argoCd = { localAdmin: false };
    expect(problemsOf(c)).toEqual(['dev-use1.cluster.argoCd.localAdmin: the local admin can only be off when sso is configured (nobody could log in) (got false)']);
    const az = catalogueCopy();
    delete (az.regions[3] as any).artifactory;
    (az.globalNames as any).artifactory.regions = ['prod-use1', 'prod-apse1'];
    (az.replication as any).rules.docker.to = ['prod-apse1'];
    (az.replication as any).rules.helm.to = ['prod-apse1'];
    expect(problemsOf(az)).toEqual(["prod-weu.cluster.argoCd.sso: needs a Key Vault for its client secret (artifactory.keyVault is the entry's vault)"]);
  });
});
