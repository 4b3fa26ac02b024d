import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { defaultCatalogue } from '../../regions/catalogue';
import { addCatalogueStacks } from '../../stacks/app';
import { listOf } from '../support/synth';

/*
 * The edge of every cluster, on both clouds, as synthesized for the default fleet: which cloud identity each
 * controller gets and exactly what it may do, how its chart is configured, and how certificates for regional and
 * global names are obtained.
 */
const outdir = mkdtempSync(join(tmpdir(), 'kore-edge-'));
const app = new App({ outdir });
const catalogue = defaultCatalogue();
addCatalogueStacks(app, catalogue);
app.synth();
const stacks: Record<string, any> = Object.fromEntries(readdirSync(join(outdir, 'stacks')).map((s) => [s, JSON.parse(readFileSync(join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'))]));
const releases = (json: any) => listOf(json, 'helm_release');
const release = (json: any, name: string) => releases(json).find((r) => r.name === name);
const valuesOf = (json: any, name: string) => parse(release(json, name).values[0]);
const policies = (json: any) => Object.fromEntries(listOf(json, 'aws_iam_role_policy').map((p) => [p.name, JSON.parse(p.policy)]));
/** A policy whose Terraform interpolations hold quotes (`${replace(…, "https://", "")}`), parsed as JSON. */
const parsePolicy = (text: string) => JSON.parse(text.replace(/\$\{[^}]*\}/g, (m) => m.replace(/"/g, "'")));
const roles = (json: any) => Object.fromEntries(listOf(json, 'aws_iam_role').map((r) => [r.name, parsePolicy(r.assume_role_policy)]));
const statements = (doc: any) => doc.Statement as any[];
const GLOBAL_ACCOUNT = catalogue.global.account;

describe.each([
  ['dev-us-east-1', 'dev-use1', false],
  ['prod-us-east-1', 'prod-use1', true],
  ['prod-ap-southeast-1', 'prod-apse1', true],
])('EKS edge of %s', (stack, id, servesGlobal) => {
  const infra = stacks[stack];
  const platform = stacks[`${stack}-platform`];
  const zone = `${id}.kore.example.com`;

  it.each([
    ['lb-controller', 'kube-system', 'aws-load-balancer-controller'],
    ['cert-manager', 'cert-manager', 'cert-manager'],
    ['external-dns', 'external-dns', 'external-dns'],
  ])('role kore-%s-%s trusts only the service account %s/%s', (suffix, ns, sa) => {
    const trust = roles(infra)[`kore-${id}-${suffix}`];
    expect(statements(trust)).toHaveLength(1);
    const [s] = statements(trust);
    expect(s.Action).toBe('sts:AssumeRoleWithWebIdentity');
    const cond = s.Condition.StringEquals;
    expect(Object.entries(cond).find(([k]) => k.endsWith(':sub'))?.[1]).toBe(`system:serviceaccount:${ns}:${sa}`);
    expect(Object.entries(cond).find(([k]) => k.endsWith(':aud'))?.[1]).toBe('sts.amazonaws.com');
  });

  it('lets the load balancer controller write only its own cluster’s load balancers and security groups in its VPC', () => {
    const doc = policies(infra)['lb-controller'];
    for (const s of statements(doc)) {
      const writes = [s.Action].flat().filter((a: string) => !/:(Describe|Get|List)/.test(a));
      if (writes.length === 0) continue;
      const resources = [s.Resource].flat();
      const scoped =
        JSON.stringify(s.Condition ?? {}).includes(`"aws:ResourceTag/elbv2.k8s.aws/cluster":"kore-${id}"`) ||
        JSON.stringify(s.Condition ?? {}).includes(`"aws:RequestTag/elbv2.k8s.aws/cluster":"kore-${id}"`) ||
        JSON.stringify(s.Condition ?? {}).includes('"ec2:Vpc":"${aws_vpc.') ||
        s.Condition?.StringEquals?.['iam:AWSServiceName'] === 'elasticloadbalancing.amazonaws.com' ||
        resources.every((r: string) => r.startsWith('${aws_vpc.') || /^arn:aws:(ec2|elasticloadbalancing):/.test(r));
      expect([s.Sid, scoped]).toEqual([s.Sid, true]);
      if (resources.includes('*')) expect(s.Condition).toBeDefined();
    }
    // No WAF, Shield or Cognito writes: nothing here asks for them.
    expect(JSON.stringify(doc)).not.toMatch(/wafv2:Associate|shield:Create|waf-regional/);
  });

  it('lets cert-manager write only _acme-challenge TXT records of the region zone (and assume the global role when it serves a global name)', () => {
    const doc = policies(infra)['cert-manager'];
    const change = statements(doc).find((s) => s.Action === 'route53:ChangeResourceRecordSets');
    expect(change.Resource).toMatch(/^arn:aws:route53:::hostedzone\/\$\{aws_route53_zone\.Dns_Zone_\w+\.zone_id\}$/);
    expect(change.Condition).toEqual({
      'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] },
      'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.*'] },
    });
    const assume = statements(doc).filter((s) => s.Action === 'sts:AssumeRole');
    expect(assume.map((s) => s.Resource)).toEqual(servesGlobal ? [`arn:aws:iam::${GLOBAL_ACCOUNT}:role/kore-acme-challenge`] : []);
  });

  it('lets external-dns write only address and ownership records of the region zone', () => {
    const doc = policies(infra)['external-dns'];
    const change = statements(doc).find((s) => s.Action === 'route53:ChangeResourceRecordSets');
    expect(change.Resource).toMatch(/hostedzone\/\$\{aws_route53_zone\.Dns_Zone_/);
    expect(change.Condition['ForAllValues:StringEquals']['route53:ChangeResourceRecordSetsRecordTypes']).toEqual(['A', 'AAAA', 'CNAME', 'TXT']);
    for (const s of statements(doc)) if ([s.Resource].flat().includes('*')) expect([s.Action].flat().every((a: string) => /:List/.test(a))).toBe(true);
  });

  it('installs the AWS Load Balancer Controller 3.5.0 for this cluster and VPC with its IRSA role', () => {
    const r = release(platform, 'aws-load-balancer-controller');
    expect(r).toMatchObject({ chart: 'aws-load-balancer-controller', version: '3.5.0', namespace: 'kube-system', atomic: true });
    expect(valuesOf(platform, 'aws-load-balancer-controller')).toMatchObject({
      clusterName: `kore-${id}`,
      vpcId: '${data.terraform_remote_state.infrastructure.outputs.vpc_id}',
      serviceAccount: { name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': '${data.terraform_remote_state.infrastructure.outputs.load_balancer_controller_role_arn}' } },
    });
  });

  it('issues certificates over DNS-01: the region zone through IRSA, global names through the parent zone’s role', () => {
    expect(valuesOf(platform, 'cert-manager')).toMatchObject({ crds: { enabled: true }, serviceAccount: { name: 'cert-manager', annotations: { 'eks.amazonaws.com/role-arn': '${data.terraform_remote_state.infrastructure.outputs.cert_manager_role_arn}' } } });
    const issuer = valuesOf(platform, 'cluster-issuer').manifests.find((m: any) => m.kind === 'ClusterIssuer');
    expect(issuer.spec.acme.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
    const [regional, global] = issuer.spec.acme.solvers;
    expect(regional).toEqual({ selector: { dnsZones: [zone] }, dns01: { route53: { region: expect.any(String), hostedZoneID: '${data.terraform_remote_state.infrastructure.outputs.dns_zone_id}' } } });
    if (servesGlobal) expect(global).toEqual({ selector: { dnsNames: ['artifactory.kore.example.com'] }, dns01: { route53: { region: 'us-east-1', role: `arn:aws:iam::${GLOBAL_ACCOUNT}:role/kore-acme-challenge` } } });
    else expect(global).toBeUndefined();
    // No HTTP-01 anywhere: it cannot validate a name served by several regions.
    expect(JSON.stringify(issuer)).not.toContain('http01');
  });

  it('runs external-dns on the region zone only, as this stack, with sync', () => {
    expect(valuesOf(platform, 'external-dns')).toMatchObject({
      provider: { name: 'aws' },
      domainFilters: [zone],
      txtOwnerId: `${stack}-platform`,
      policy: 'sync',
      sources: ['service'],
      extraArgs: ['--zone-id-filter=${data.terraform_remote_state.infrastructure.outputs.dns_zone_id}', '--aws-zone-type=public'],
    });
  });

  it('orders the edge after the cluster is ready for workloads', () => {
    for (const name of ['aws-load-balancer-controller', 'cert-manager', 'external-dns']) {
      expect(release(platform, name).depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^data\.aws_eks_access_entry\./)]));
    }
  });
});

describe('AKS edge of prod-westeurope', () => {
  const infra = stacks['prod-westeurope'];
  const platform = stacks['prod-westeurope-platform'];

  it('federates cert-manager and external-dns with their service accounts, each with a custom role on the region zone only', () => {
    const creds = listOf(infra, 'azurerm_federated_identity_credential').map((c) => c.subject);
    expect(creds).toEqual(expect.arrayContaining(['system:serviceaccount:cert-manager:cert-manager', 'system:serviceaccount:external-dns:external-dns']));
    const defs = listOf(infra, 'azurerm_role_definition').filter((d) => d.name.endsWith('-dns-records'));
    expect(defs.map((d) => [d.name, d.permissions[0].actions])).toEqual([
      ['kore-prod-weu-cert-manager-dns-records', ['Microsoft.Network/dnsZones/read', 'Microsoft.Network/dnsZones/TXT/*']],
      ['kore-prod-weu-external-dns-dns-records', ['Microsoft.Network/dnsZones/read', 'Microsoft.Network/dnsZones/A/*', 'Microsoft.Network/dnsZones/AAAA/*', 'Microsoft.Network/dnsZones/CNAME/*', 'Microsoft.Network/dnsZones/TXT/*']],
    ]);
    for (const d of defs) {
      expect(d.scope).toMatch(/^\$\{azurerm_dns_zone\.Dns_Zone_\w+\.id\}$/);
      expect(d.assignable_scopes).toEqual([d.scope]);
    }
    const assignments = listOf(infra, 'azurerm_role_assignment').filter((a) => String(a.role_definition_id ?? '').includes('azurerm_role_definition.EdgeIdentities_'));
    expect(assignments).toHaveLength(2);
    for (const a of assignments) expect(a.scope).toMatch(/azurerm_dns_zone\.Dns_Zone_/);
  });

  it('answers the region zone in Azure DNS with workload identity, the global name in Route53 with its Kubernetes token', () => {
    expect(valuesOf(platform, 'cert-manager')).toMatchObject({
      podLabels: { 'azure.workload.identity/use': 'true' },
      serviceAccount: { annotations: { 'azure.workload.identity/client-id': '${data.terraform_remote_state.infrastructure.outputs.cert_manager_client_id}' } },
    });
    const manifests = valuesOf(platform, 'cluster-issuer').manifests;
    const issuer = manifests.find((m: any) => m.kind === 'ClusterIssuer');
    const [regional, global] = issuer.spec.acme.solvers;
    expect(regional.selector).toEqual({ dnsZones: ['prod-weu.kore.example.com'] });
    expect(regional.dns01.azureDNS).toMatchObject({ hostedZoneName: 'prod-weu.kore.example.com', resourceGroupName: 'kore-prod-weu-network', managedIdentity: { clientID: '${data.terraform_remote_state.infrastructure.outputs.cert_manager_client_id}' } });
    expect(JSON.stringify(regional)).not.toMatch(/clientSecret|secretRef/);
    expect(global.dns01.route53).toEqual({ region: 'us-east-1', role: `arn:aws:iam::${GLOBAL_ACCOUNT}:role/kore-acme-challenge`, auth: { kubernetes: { serviceAccountRef: { name: 'cert-manager', audiences: ['sts.amazonaws.com'] } } } });
    // cert-manager may request a token for its own service account, and for no other.
    const role = manifests.find((m: any) => m.kind === 'Role');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['cert-manager'], verbs: ['create'] }]);
  });

  it('runs external-dns with a settings file that holds no secret, created before its pods', () => {
    const [cm] = listOf(platform, 'kubernetes_config_map_v1').filter((c) => c.metadata.name === 'external-dns-azure');
    expect(JSON.parse(cm.data['azure.json'])).toEqual({ tenantId: expect.any(String), subscriptionId: expect.any(String), resourceGroup: 'kore-prod-weu-network', useWorkloadIdentityExtension: true });
    expect(release(platform, 'external-dns').depends_on).toEqual([expect.stringMatching(/^kubernetes_config_map_v1\.Edge_ExternalDns_AzureConfig_/)]);
    expect(valuesOf(platform, 'external-dns')).toMatchObject({ provider: { name: 'azure' }, domainFilters: ['prod-weu.kore.example.com'], txtOwnerId: 'prod-westeurope-platform', policy: 'sync' });
  });

  it('uses AKS’s own load balancer, no in-cluster ingress controller', () => {
    expect(releases(platform).map((r) => r.chart)).not.toContain('aws-load-balancer-controller');
  });
});

describe('global names’ challenges', () => {
  const global = stacks.global;

  it('has one role that writes exactly the _acme-challenge TXT records of the global names in the parent zone', () => {
    const [role] = listOf(global, 'aws_iam_role');
    expect(role.name).toBe('kore-acme-challenge');
    const policy = JSON.parse(listOf(global, 'aws_iam_role_policy')[0].policy);
    const change = statements(policy).find((s) => s.Action === 'route53:ChangeResourceRecordSets');
    expect(change.Resource).toMatch(/hostedzone\/\$\{aws_route53_zone\.ParentZone_\w+\.zone_id\}$/);
    expect(change.Condition).toEqual({ 'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'], 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.artifactory.kore.example.com'] } });
  });

  it('trusts the cert-manager role of each EKS region serving a global name and the issuer of each AKS one, nobody else', () => {
    const [role] = listOf(global, 'aws_iam_role');
    const trust = statements(parsePolicy(role.assume_role_policy));
    expect(trust.map((s) => s.Sid).sort()).toEqual(['Regionprodapse1', 'Regionproduse1', 'Regionprodweu']);
    const aws = trust.filter((s) => s.Principal.AWS).map((s) => s.Principal.AWS);
    expect(aws).toHaveLength(2);
    for (const arn of aws) expect(arn).toMatch(/cert_manager|EdgeRoles_CertManager/);
    const [web] = trust.filter((s) => s.Principal.Federated);
    expect(Object.values(web.Condition.StringEquals)).toEqual(['system:serviceaccount:cert-manager:cert-manager', 'sts.amazonaws.com']);
    expect(listOf(global, 'aws_iam_openid_connect_provider')).toEqual([expect.objectContaining({ client_id_list: ['sts.amazonaws.com'] })]);
  });
});

describe('no ingress-nginx, anywhere', () => {
  it.each(Object.keys(stacks))('%s names no nginx ingress class and installs no ingress-nginx chart', (name) => {
    const text = JSON.stringify(stacks[name]);
    expect(releases(stacks[name]).map((r) => r.chart)).not.toContain('ingress-nginx');
    expect(text).not.toMatch(/className[^,]*nginx|nginx\.ingress\.kubernetes\.io|kubernetes\.io\/ingress\.class/);
  });
});
