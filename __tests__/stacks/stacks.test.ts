import { readFileSync } from 'node:fs';
import { Testing } from 'cdktf';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { addCatalogueStacks } from '../../stacks/app';
import { catalogueCopy } from '../support/catalogue';
import { defaultFleetStacks } from '../support/default-fleet';

/** Synthesizes the whole app of a changed catalogue (the default one is defaultFleetStacks); returns each stack's parsed Terraform JSON. */
function synthAll(catalogue: ReturnType<typeof defaultCatalogue>): Record<string, any> {
  const app = Testing.app();
  addCatalogueStacks(app, catalogue);
  const out: Record<string, any> = {};
  for (const stack of app.node.children) out[stack.node.id] = JSON.parse(Testing.synth(stack as any));
  return out;
}

const resources = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe('region stacks', () => {
  const stacks = defaultFleetStacks();

  it('gives every region stack its own locked, encrypted remote state key', () => {
    const keys = new Set<string>();
    for (const name of ['dev-us-east-1', 'staging-us-west-2', 'prod-us-east-1', 'prod-ap-southeast-1']) {
      const s3 = stacks[name].terraform.backend.s3;
      expect(s3).toMatchObject({ encrypt: true, use_lockfile: true, dynamodb_table: 'kore-tfstate-lock', key: `kore/${name}.tfstate` });
      keys.add(`${s3.bucket}/${s3.key}`);
    }
    const azure = stacks['prod-westeurope'].terraform.backend.azurerm;
    expect(azure).toEqual({
      resource_group_name: 'kore-tfstate',
      storage_account_name: 'koretfstateprodweu',
      container_name: 'tfstate',
      key: 'kore/prod-westeurope.tfstate',
      subscription_id: '4b1f2c3d-0000-4000-8000-000000000001',
      use_azuread_auth: true,
    });
    keys.add(azure.key);
    keys.add(`${stacks.global.terraform.backend.s3.bucket}/${stacks.global.terraform.backend.s3.key}`);
    expect(keys.size).toBe(6);
  });

  it('takes state location from the catalogue, not from literals', () => {
    const c = catalogueCopy();
    (c.regions[0].state as any).bucket = 'another-bucket';
    (c.regions[0].state as any).keyPrefix = 'team-a';
    const s = synthAll(parseCatalogue(c, 'test'))['dev-us-east-1'];
    expect(s.terraform.backend.s3).toMatchObject({ bucket: 'another-bucket', key: 'team-a/dev-us-east-1.tfstate' });
  });

  it('pins each AWS provider to its account and region, with default tags', () => {
    const provider = stacks['staging-us-west-2'].provider.aws[0];
    expect(provider).toMatchObject({ region: 'us-west-2', allowed_account_ids: ['222222222222'] });
    expect(provider.default_tags[0].tags).toEqual({
      owner: 'platform-team', 'cost-center': 'eng-staging', environment: 'staging', 'kore-region': 'staging-usw2',
      stack: 'staging-us-west-2', 'managed-by': 'cdktf',
    });
    expect(provider.endpoints).toBeUndefined();
  });

  it('gives the Azure stack a complete azurerm provider (features, subscription, tenant)', () => {
    const provider = stacks['prod-westeurope'].provider.azurerm[0];
    expect(provider).toMatchObject({
      subscription_id: '4b1f2c3d-0000-4000-8000-000000000001',
      tenant_id: '7e2a9c10-0000-4000-8000-0000000000aa',
      storage_use_azuread: true,
    });
    expect(provider.features).toEqual([{ key_vault: [{ purge_soft_delete_on_destroy: false, recover_soft_deleted_key_vaults: true }] }]);
  });
});

describe('two layers per region', () => {
  const stacks = defaultFleetStacks();
  const before: Record<string, string[]> = JSON.parse(readFileSync('__tests__/fixtures/infra-addresses-before-split.json', 'utf8'));
  const addresses = (json: any) => Object.entries(json.resource ?? {}).flatMap(([type, items]) => Object.keys(items as object).map((n) => `${type}.${n}`));

  it.each(Object.keys(before))('%s keeps the stack name, state key and the address of every cloud resource it had', (name) => {
    const now = new Set(addresses(stacks[name]));
    // The regional Artifactory record points at a load balancer only the cluster knows: external-dns writes it now.
    const moved = before[name].filter((a) => /^(aws_route53_record|azurerm_dns_a_record)\.Dns_Record-artifactory-/.test(a));
    expect(before[name].filter((a) => !now.has(a))).toEqual(moved);
    expect(Object.keys(stacks[name].resource).filter((t) => /^(kubernetes|helm)_/.test(t))).toEqual([]);
    expect(stacks[name].provider.kubernetes).toBeUndefined();
    expect(stacks[name].provider.helm).toBeUndefined();
    if (moved.length > 0) expect(addresses(stacks[`${name}-platform`] ?? {}).some((a) => a.includes('Dns_Record-artifactory-'))).toBe(false);
  });

  it('gives every region a platform stack in the same store under its own key, after its infrastructure', () => {
    const app = Testing.app();
    addCatalogueStacks(app, defaultCatalogue());
    for (const name of Object.keys(before)) {
      const platform = app.node.findChild(`${name}-platform`) as any;
      expect(platform.dependencies.map((d: any) => d.node.id)).toEqual([name]);
      const backend = stacks[`${name}-platform`].terraform.backend;
      const own = stacks[name].terraform.backend;
      const kind = Object.keys(own)[0];
      expect(backend[kind].key).toBe(own[kind].key.replace('.tfstate', '-platform.tfstate'));
      expect({ ...backend[kind], key: '' }).toEqual({ ...own[kind], key: '' });
    }
  });

  it('lets the CI identities into each cluster: the plan identity reads (Secrets included), the apply identity administers', () => {
    const entries = resources(stacks['staging-us-west-2'], 'aws_eks_access_policy_association');
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ principal_arn: expect.stringContaining('Access-ci-plan'), policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy', access_scope: { type: 'cluster' } }),
      expect.objectContaining({ principal_arn: expect.stringContaining('Access-ci-apply'), policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy' }),
    ]));
    expect(resources(stacks['staging-us-west-2'], 'aws_eks_access_entry').map((e) => e.principal_arn)).toEqual(
      expect.arrayContaining(['arn:aws:iam::222222222222:role/kore-ci-plan', 'arn:aws:iam::222222222222:role/kore-ci-apply']),
    );
    const weu = stacks['prod-westeurope'];
    const assignments = resources(weu, 'azurerm_role_assignment').filter((a) => a.principal_type === 'ServicePrincipal' && /d[12]$/.test(a.principal_id));
    expect(assignments.map((a) => [a.principal_id, a.role_definition_name ?? a.role_definition_id])).toEqual([
      ['9a3e5b70-0000-4000-8000-0000000000d2', 'Azure Kubernetes Service RBAC Cluster Admin'],
      ['9a3e5b70-0000-4000-8000-0000000000d1', expect.stringMatching(/azurerm_role_definition\.Cluster_ViewAllRole_\w+\.role_definition_resource_id/)],
    ]);
    const [viewAll] = resources(weu, 'azurerm_role_definition');
    expect(viewAll.permissions).toEqual([{ data_actions: ['Microsoft.ContainerService/managedClusters/*/read'] }]);
    // A service principal is not an admin group of the cluster.
    expect(resources(weu, 'azurerm_kubernetes_cluster')[0].azure_active_directory_role_based_access_control.admin_group_object_ids).toEqual(['0c6f1e4a-0000-4000-8000-0000000000b1']);
  });
});

describe('bootstrap stack', () => {
  const stacks = defaultFleetStacks();
  const bootstrap = stacks.bootstrap;

  it('keeps local state outside the synth output (next to it, where re-synthesizing never deletes it)', () => {
    expect(bootstrap.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
  });

  it('creates one versioned, encrypted, private, TLS-only bucket and lock table per AWS store', () => {
    const buckets = resources(bootstrap, 'aws_s3_bucket').map((b) => b.bucket).sort();
    expect(buckets).toEqual([
      'kore-tfstate-111111111111-us-east-1',
      'kore-tfstate-222222222222-us-west-2',
      'kore-tfstate-333333333333-ap-southeast-1',
      'kore-tfstate-333333333333-us-east-1',
    ]);
    for (const b of resources(bootstrap, 'aws_s3_bucket')) expect(b.lifecycle).toEqual({ prevent_destroy: true });
    expect(resources(bootstrap, 'aws_s3_bucket_versioning')).toHaveLength(4);
    for (const v of resources(bootstrap, 'aws_s3_bucket_versioning')) expect(v.versioning_configuration.status).toBe('Enabled');
    for (const e of resources(bootstrap, 'aws_s3_bucket_server_side_encryption_configuration')) {
      expect(e.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    }
    for (const p of resources(bootstrap, 'aws_s3_bucket_public_access_block')) {
      expect(p).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    const policies = resources(bootstrap, 'aws_s3_bucket_policy');
    expect(policies).toHaveLength(4);
    const statement = JSON.parse(policies[0].policy).Statement[0];
    expect(statement).toMatchObject({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const tables = resources(bootstrap, 'aws_dynamodb_table');
    expect(tables).toHaveLength(4);
    expect(tables[0]).toMatchObject({ hash_key: 'LockID', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'LockID', type: 'S' }] });
  });

  it('uses one provider per account and region, assuming the bootstrap role', () => {
    const providers = bootstrap.provider.aws;
    expect(providers).toHaveLength(4);
    const apse1 = providers.find((p: any) => p.alias === 'kore-tfstate-333333333333-ap-southeast-1');
    expect(apse1).toMatchObject({
      region: 'ap-southeast-1',
      allowed_account_ids: ['333333333333'],
      assume_role: [{ role_arn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole', session_name: 'kore-cdktf' }],
    });
  });

  it('keeps the Azure stores in their own bootstrap stack (other credentials, other provider), also outside the output', () => {
    expect(bootstrap.provider.azurerm).toBeUndefined();
    expect(stacks['bootstrap-azure'].provider.aws).toBeUndefined();
    expect(stacks['bootstrap-azure'].terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap-azure.tfstate' } });
  });

  it('creates an Azure storage account (TLS 1.2, no public blobs, no shared keys) and private container', () => {
    const bootstrap = stacks['bootstrap-azure'];
    const [account] = resources(bootstrap, 'azurerm_storage_account');
    expect(account).toMatchObject({
      name: 'koretfstateprodweu',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
    });
    expect(resources(bootstrap, 'azurerm_resource_group')).toEqual([expect.objectContaining({ name: 'kore-tfstate', location: 'westeurope' })]);
    const [container] = resources(bootstrap, 'azurerm_storage_container');
    expect(container).toMatchObject({ name: 'tfstate', container_access_type: 'private' });
    expect(bootstrap.provider.azurerm[0]).toMatchObject({ subscription_id: '4b1f2c3d-0000-4000-8000-000000000001' });
  });

  it('refuses one store declared with two different settings in validate, before any synth, naming both entries', () => {
    const c = catalogueCopy();
    (c.regions[4].state as any).bucket = (c.regions[2].state as any).bucket;
    expect(() => parseCatalogue(c, 'test')).toThrow(
      'prod-apse1.state: store kore-tfstate-333333333333-us-east-1 is declared with different settings by global; entries sharing a store must declare it alike',
    );
  });
});

describe('the Azure state account\'s public endpoint', () => {
  const { AzureStateStore } = require('../../lib/state/azure-state-store');
  const { Testing, TerraformStack } = require('cdktf');
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
  const account = (allowedIpRanges?: string[]) => {
    const stack = new TerraformStack(Testing.app(), 's');
    const provider = new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new AzureStateStore(stack, 'Store', { provider, resourceGroupName: 'rg', storageAccountName: 'koretfstate', containerName: 'tfstate', location: 'westeurope', allowedIpRanges });
    return Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_storage_account)[0] as any;
  };

  it('is closed when no runner egress is named, and open only to the named ranges otherwise', () => {
    expect(account()).toMatchObject({ public_network_access_enabled: false, network_rules: { default_action: 'Deny' } });
    expect(account(['203.0.113.10/32', '198.51.100.0/28'])).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: 'Deny', ip_rules: ['203.0.113.10', '198.51.100.0/28'] } });
  });
});
