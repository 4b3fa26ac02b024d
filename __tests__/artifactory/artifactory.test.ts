import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { artifactoryBackingRef } from '../../lib/artifactory/artifactory-backing';
import { ARTIFACTORY_CHART, ArtifactoryReplica } from '../../lib/artifactory/artifactory-replica';
import { defaultCatalogue } from '../../regions/catalogue';
import { addCatalogueStacks } from '../../stacks/app';
import { synthLayers, synthRegion as synthBothLayers } from '../support/region';
import { byType, listOf } from '../support/synth';

const synthRegion = (id: string): any => synthBothLayers(id);
const valuesOf = (json: any) => parse(listOf(json, 'helm_release').find((r) => r.chart === 'artifactory').values[0]);

describe('AWS backing (prod-use1)', () => {
  const json = synthRegion('prod-use1');

  it('runs RDS PostgreSQL encrypted, in the isolated subnets, with the password managed by Secrets Manager', () => {
    const [db] = listOf(json, 'aws_db_instance');
    expect(db).toMatchObject({
      engine: 'postgres', engine_version: '16', instance_class: 'db.r6g.large', allocated_storage: 500, storage_encrypted: true,
      manage_master_user_password: true, multi_az: true, deletion_protection: true, db_name: 'artifactory',
    });
    expect(db.password).toBeUndefined();
    const [subnets] = listOf(json, 'aws_db_subnet_group');
    expect(subnets.subnet_ids.every((s: string) => /Subnet-intra-/.test(s))).toBe(true);
    const sg = listOf(json, 'aws_security_group').find((g) => g.name === 'kore-prod-use1-artifactory-db');
    expect(sg.ingress).toEqual([expect.objectContaining({ from_port: 5432, to_port: 5432, cidr_blocks: ['10.30.0.0/16'] })]);
  });

  it('keeps the filestore in a versioned, SSE-KMS-encrypted, private, TLS-only bucket', () => {
    const [name, bucket] = Object.entries(byType(json, 'aws_s3_bucket')).find(([, b]: [string, any]) => b.bucket === 'kore-prod-use1-artifactory-filestore') as [string, any];
    expect(bucket).toBeDefined();
    const ref = `\${aws_s3_bucket.${name}.id}`;
    // Versioned: the bucket's own versioning resource is enabled.
    expect(listOf(json, 'aws_s3_bucket_versioning').filter((v) => v.bucket === ref).map((v) => v.versioning_configuration.status)).toEqual(['Enabled']);
    // Encrypted: SSE-KMS on every object by default, with bucket keys (fewer KMS calls).
    const sse = listOf(json, 'aws_s3_bucket_server_side_encryption_configuration').filter((e) => e.bucket === ref);
    expect(sse).toHaveLength(1);
    expect(sse[0].rule[0]).toMatchObject({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true });
    const policies = listOf(json, 'aws_s3_bucket_policy').map((p) => JSON.parse(p.policy).Statement[0]);
    expect(policies).toEqual([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    expect(listOf(json, 'aws_s3_bucket_public_access_block')[0]).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
  });

  it('gives the Artifactory service account an IRSA role limited to that bucket', () => {
    const role = Object.entries(byType(json, 'aws_iam_role')).find(([n]) => n.startsWith('ArtifactoryBacking_FilestoreRole'))![1] as any;
    expect(role.assume_role_policy).toContain('system:serviceaccount:artifactory:artifactory');
    expect(role.assume_role_policy).toContain('sts:AssumeRoleWithWebIdentity');
    const policy = JSON.parse(listOf(json, 'aws_iam_role_policy').find((p) => p.name === 'filestore-bucket-only').policy);
    const resources = policy.Statement.map((s: any) => s.Resource);
    expect(resources).toEqual([expect.stringMatching(/aws_s3_bucket\.ArtifactoryBacking_Bucket_.*\.arn/), expect.stringMatching(/aws_s3_bucket\.ArtifactoryBacking_Bucket_.*\.arn\}\/\*$/)]);
    expect(JSON.stringify(policy)).not.toContain('"*"');
    expect(listOf(json, 'aws_iam_access_key')).toHaveLength(0);
  });

  it('deploys the pinned chart with the external database, S3 direct filestore and keys from secrets', () => {
    const release = listOf(json, 'helm_release').find((r) => r.chart === 'artifactory');
    expect(release).toMatchObject({ repository: ARTIFACTORY_CHART.repository, version: ARTIFACTORY_CHART.version, namespace: expect.any(String), atomic: true });
    const v = valuesOf(json);
    expect(v.postgresql).toEqual({ enabled: false });
    expect(v.waitForDatabase).toBe(true);
    expect(v.database).toEqual({ type: 'postgresql', driver: 'org.postgresql.Driver', secrets: { user: { name: 'artifactory-database', key: 'user' }, password: { name: 'artifactory-database', key: 'password' }, url: { name: 'artifactory-database', key: 'url' } } });
    expect(v.artifactory.persistence).toMatchObject({ type: 's3-storage-v3-direct', awsS3V3: { useInstanceCredentials: true, region: '${data.terraform_remote_state.infrastructure.outputs.artifactory_region}', bucketName: '${data.terraform_remote_state.infrastructure.outputs.artifactory_bucket}' } });
    expect(v.artifactory.persistence.awsS3V3.identity).toBeUndefined();
    expect(v.artifactory).toMatchObject({ license: { secret: 'artifactory-license', dataKey: 'artifactory.lic' }, masterKeySecretName: 'artifactory-keys', joinKeySecretName: 'artifactory-keys', replicaCount: 2 });
    expect(v.artifactory.resources).toEqual({ requests: { cpu: '3', memory: '12Gi' }, limits: { memory: '12Gi' } });
    expect(v.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe('${data.terraform_remote_state.infrastructure.outputs.artifactory_role_arn}');
    // …an output of the infrastructure layer, published under that name from the IRSA role.
    expect(synthLayers('prod-use1').infra.output.artifactory_role_arn.value).toMatch(/^\$\{aws_iam_role\.ArtifactoryBacking_FilestoreRole_\w+\.arn\}$/);
    // No ingress class to depend on: the chart's nginx terminates TLS behind an NLB of the load balancer controller.
    expect(v.ingress).toEqual({ enabled: false });
    expect(v.nginx).toMatchObject({ enabled: true, tlsSecretName: 'artifactory-tls', service: { type: 'LoadBalancer' } });
    expect(v.nginx.service.annotations).toMatchObject({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'external-dns.alpha.kubernetes.io/hostname': 'artifactory.prod-use1.kore.example.com',
    });
    // It reloads a renewed certificate: the chart's own configreloader watches the mounted secret.
    expect(v.nginx.customCommand.join(' ')).toContain('configreloader.sh /var/opt/jfrog/nginx/ssl:n');
    const certificate = parse(listOf(json, 'helm_release').find((r) => r.name === 'artifactory-certificate').values[0]).manifests[0];
    expect(certificate).toMatchObject({ kind: 'Certificate', spec: { secretName: 'artifactory-tls', dnsNames: ['artifactory.prod-use1.kore.example.com', 'artifactory.kore.example.com'], issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' } } });
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.Artifactory_Certificate_Release_/)]));
    // after its secrets exist (they come from the External Secrets release), and after the cluster access checks
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^data\.aws_eks_access_entry\./), expect.stringMatching(/^helm_release\.Artifactory_Secrets_Release_/)]));
  });

  it('syncs license, keys and database credentials through External Secrets: no secret value in Terraform', () => {
    expect(listOf(json, 'kubernetes_secret_v1')).toEqual([]);
    expect(json.data.aws_secretsmanager_secret_version).toBeUndefined();
    const secretsRelease = listOf(json, 'helm_release').find((r) => r.name === 'artifactory-secrets');
    expect(secretsRelease.chart).toMatch(/^assets\//);
    const manifests = parse(secretsRelease.values[0]).manifests;
    const byName = Object.fromEntries(manifests.map((m: any) => [m.metadata.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['artifactory-admin', 'artifactory-database', 'artifactory-keys', 'artifactory-license', 'artifactory-replication']);
    // No default admin/password: Access bootstraps the admin from the store, for logins from the pod itself only.
    expect(byName['artifactory-admin'].spec.target.template.data).toEqual({ 'bootstrap.creds': 'admin@127.0.0.1={{ .password }}' });
    expect(valuesOf(json).artifactory.admin).toEqual({ secret: 'artifactory-admin', dataKey: 'bootstrap.creds' });
    for (const m of manifests) {
      expect(m).toMatchObject({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { namespace: 'artifactory' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'cloud-secrets' }, refreshInterval: '15m' } });
    }
    expect(byName['artifactory-license'].spec.data).toEqual([{ secretKey: 'artifactory.lic', remoteRef: { key: 'kore/artifactory/prod-use1/license' } }]);
    // The RDS-managed password is read where RDS keeps and rotates it; the refresh brings a rotated one in.
    expect(byName['artifactory-database'].spec.data).toEqual([{ secretKey: 'password', remoteRef: { key: '${data.terraform_remote_state.infrastructure.outputs.artifactory_db_secret_arn}', property: 'password' } }]);
    expect(byName['artifactory-database'].spec.target.template.data).toEqual({
      user: 'artifactory', password: '{{ .password }}', url: expect.stringMatching(/^jdbc:postgresql:\/\/\$\{data\.terraform_remote_state\.infrastructure\.outputs\.artifactory_db_address\}:/),
    });
    // The operator may read this region's secrets and the database's, nothing else.
    const { infra } = synthLayers('prod-use1');
    const [policy] = Object.values(infra.resource.aws_iam_role_policy as Record<string, any>).filter((p) => p.name === 'read-named-secrets');
    const statement = JSON.parse(policy.policy).Statement[0];
    expect(statement.Action).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
    expect(statement.Resource).toEqual([
      expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:\$\{data\.aws_caller_identity\.\S+\.account_id\}:secret:kore\/prod-use1\/\*$/),
      expect.stringMatching(/:secret:kore\/artifactory\/prod-use1\/\*$/),
      expect.stringMatching(/^\$\{aws_db_instance\.ArtifactoryBacking_Database_\w+\.master_user_secret\[0\]\.secret_arn\}$/),
    ]);
  });

  it('renders the replication topology into a ConfigMap applied by a Job named after its content', () => {
    const [cm] = listOf(json, 'kubernetes_config_map_v1');
    const plan = JSON.parse(cm.data['replication.json']);
    expect(plan.push.map((p: any) => [p.rule, p.targets.map((t: any) => t.region)])).toEqual([['docker', ['prod-weu', 'prod-apse1']], ['libs', ['prod-apse1']]]);
    expect(cm.data['apply.py']).toContain('/api/replications/multiple/');
    const [job] = listOf(json, 'kubernetes_job_v1');
    expect(job.metadata.name).toMatch(/^artifactory-replication-[0-9a-f]{10}$/);
    const container = job.spec.template.spec.container[0];
    // Credentials as files of the synchronized secret: this instance's token, and one user + token per peer.
    expect(job.spec.template.spec.volume).toContainEqual({ name: 'secrets', secret: { secret_name: 'artifactory-replication' } });
    expect(container.volume_mount).toContainEqual({ name: 'secrets', mount_path: '/secrets', read_only: true });
    expect(JSON.stringify(job)).not.toMatch(/Bearer [A-Za-z0-9]/);
    const secrets = parse(listOf(json, 'helm_release').find((r) => r.name === 'artifactory-secrets').values[0]).manifests.find((m: any) => m.metadata.name === 'artifactory-replication');
    expect(secrets.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key])).toEqual([
      ['token', 'kore/artifactory/prod-use1/api-token'],
      ['prod-apse1.json', 'kore/artifactory/prod-use1/replication/prod-apse1'],
      ['prod-weu.json', 'kore/artifactory/prod-use1/replication/prod-weu'],
    ]);
    // The apply waits for the job and fails with it; no TTL, so the next plan does not recreate it.
    expect(job).toMatchObject({ wait_for_completion: true, timeouts: { create: '20m' } });
    expect(job.spec.ttl_seconds_after_finished).toBeUndefined();
    // Every push carries the target's username, every rule a cron; patterns that match nothing fail the job.
    expect(cm.data['apply.py']).toContain('"username": t["username"]');
    expect(cm.data['apply.py']).toContain('"cronExp": rule["cron"]');
    expect(cm.data['apply.py']).toContain('no " + kind + " repository matches');
    expect(plan.push.every((p: any) => typeof p.cron === 'string' && p.cron.length > 0)).toBe(true);
  });

  it('leaves the regional name to external-dns: no Terraform resource waits for a load balancer address', () => {
    expect(listOf(json, 'aws_route53_record').find((r) => String(r.name).startsWith('artifactory'))).toBeUndefined();
    expect(json.data?.kubernetes_ingress_v1).toBeUndefined();
  });
});

describe('Azure backing (prod-weu)', () => {
  const json = synthRegion('prod-weu');

  it('runs PostgreSQL Flexible Server with private access only and its password from Key Vault, write-only', () => {
    const [server] = listOf(json, 'azurerm_postgresql_flexible_server');
    expect(server).toMatchObject({ version: '16', sku_name: 'GP_Standard_D4ds_v5', storage_mb: 256 * 1024, public_network_access_enabled: false, administrator_login: 'artifactory', administrator_password_wo_version: 1 });
    expect(server.administrator_password_wo).toMatch(/data\.azurerm_key_vault_secret\..*\.value/);
    expect(server.administrator_password).toBeUndefined();
    const endpoint = listOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'postgresqlServer');
    expect(endpoint.private_service_connection).toMatchObject({ subresource_names: ['postgresqlServer'], is_manual_connection: false });
    expect(endpoint.subnet_id).toMatch(/Subnet-intra/);
    expect(listOf(json, 'azurerm_private_dns_zone').map((z) => z.name)).toContain('privatelink.postgres.database.azure.com');
  });

  it('closes the filestore\'s public endpoint: reached only through a private endpoint in the cluster\'s tier, with its private DNS', () => {
    const account = listOf(json, 'azurerm_storage_account').find((a) => a.name === 'koreprodweuaf');
    expect(account).toMatchObject({ public_network_access_enabled: false, network_rules: { default_action: 'Deny' } });
    const blob = listOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'blob');
    expect(blob.private_service_connection.private_connection_resource_id).toMatch(/^\$\{azurerm_storage_account\.ArtifactoryBacking_Filestore_\w+\.id\}$/);
    expect(blob.subnet_id).toMatch(/Subnet-private/);
    const zone = Object.entries(byType(json, 'azurerm_private_dns_zone')).find(([, z]: [string, any]) => z.name === 'privatelink.blob.core.windows.net')!;
    expect(blob.private_dns_zone_group.private_dns_zone_ids).toEqual([`\${azurerm_private_dns_zone.${zone[0]}.id}`]);
    expect(listOf(json, 'azurerm_private_dns_zone_virtual_network_link').filter((l) => l.private_dns_zone_name === `\${azurerm_private_dns_zone.${zone[0]}.name}`)).toHaveLength(1);
  });

  it('keeps the filestore in a private container reached through workload identity, no keys', () => {
    const account = listOf(json, 'azurerm_storage_account').find((a) => a.name === 'koreprodweuaf');
    expect(account).toMatchObject({ shared_access_key_enabled: false, min_tls_version: 'TLS1_2', allow_nested_items_to_be_public: false });
    const [fed] = listOf(json, 'azurerm_federated_identity_credential');
    expect(fed).toMatchObject({ subject: 'system:serviceaccount:artifactory:artifactory', audience: ['api://AzureADTokenExchange'] });
    expect(fed.issuer).toMatch(/azurerm_kubernetes_cluster\..*\.oidc_issuer_url/);
    const access = listOf(json, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Storage Blob Data Contributor');
    expect(access.scope).toMatch(/azurerm_storage_container\..*\.resource_manager_id/);
    const v = valuesOf(json);
    expect(v.artifactory.persistence).toMatchObject({ type: 'azure-blob-storage-v2-direct', azureBlob: { containerName: 'artifactory' } });
    expect(v.artifactory.persistence.azureBlob.accountKey).toBeUndefined();
    expect(v.serviceAccount.annotations['azure.workload.identity/client-id']).toBe('${data.terraform_remote_state.infrastructure.outputs.artifactory_identity_client_id}');
    // Workload identity: the pod label (the chart has no podLabels; artifactory.labels reaches the pod template) and
    // instance credentials instead of an account key (chart ≥ 107.133.3).
    expect(v.artifactory.labels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(v.artifactory.podLabels).toBeUndefined();
    expect(v.artifactory.persistence.azureBlob.useInstanceCredentials).toBe(true);
    expect(v.artifactory.replicaCount).toBe(1);
  });

  it('reads the Artifactory secrets from the named Key Vault through External Secrets and publishes an A record', () => {
    const { platform, infra } = synthLayers('prod-weu');
    expect(platform.data.azurerm_key_vault_secret).toBeUndefined();
    const store = parse(listOf(platform, 'helm_release').find((r) => r.name === 'cluster-secret-store').values[0]).manifests[0];
    expect(store.spec.provider.azurekv).toEqual({
      authType: 'WorkloadIdentity', vaultUrl: '${data.terraform_remote_state.infrastructure.outputs.key_vault_uri}', serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' },
    });
    const keys = parse(listOf(platform, 'helm_release').find((r) => r.name === 'artifactory-secrets').values[0]).manifests.flatMap((m: any) => m.spec.data.map((d: any) => d.remoteRef.key)).sort();
    expect(keys).toEqual(['${data.terraform_remote_state.infrastructure.outputs.artifactory_db_password_secret}', 'artifactory-admin-password', 'artifactory-api-token', 'artifactory-join-key', 'artifactory-license', 'artifactory-master-key', 'artifactory-replication-prod-use1']);
    // The operator's identity reads secrets of the named vault only.
    const [read] = listOf(infra, 'azurerm_role_assignment').filter((a) => a.role_definition_name === 'Key Vault Secrets User');
    expect(read.scope).toMatch(/^\$\{data\.azurerm_key_vault\.ExternalSecretsIdentity_KeyVault_\w+\.id\}$/);
    expect(Object.values(infra.data.azurerm_key_vault)).toEqual(expect.arrayContaining([{ name: 'kore-prod-weu-kv', resource_group_name: 'kore-secrets' }]));
    const [cm] = listOf(json, 'kubernetes_config_map_v1');
    expect(JSON.parse(cm.data['replication.json']).pull).toEqual([expect.objectContaining({ rule: 'helm', source: expect.objectContaining({ region: 'prod-use1' }) })]);
    // The load balancer takes the static IP the network admits web traffic to; external-dns publishes the name.
    expect(listOf(json, 'azurerm_dns_a_record').find((r) => r.name === 'artifactory')).toBeUndefined();
    expect(valuesOf(json).nginx.service.annotations).toEqual({
      'service.beta.kubernetes.io/azure-pip-name': '${data.terraform_remote_state.infrastructure.outputs.ingress_public_ip_name}',
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': '${data.terraform_remote_state.infrastructure.outputs.ingress_resource_group}',
      'external-dns.alpha.kubernetes.io/hostname': 'artifactory.prod-weu.kore.example.com',
    });
  });
});

describe('ArtifactoryReplica validation', () => {
  it('refuses HA when the license does not allow it', () => {
    const app = Testing.app();
    const stack = new (require('cdktf').TerraformStack)(app, 's');
    const backing = artifactoryBackingRef('aws', { region: 'us-east-1', bucket: 'b', role_arn: 'r', db_address: 'd', db_port: '5432', db_secret_arn: 's' });
    const ref = (name: string) => ({ name });
    const edge = Object.assign(new Construct(stack, 'Edge'), { cloud: 'aws' as const, certificateIssuer: 'letsencrypt', ready: [], loadBalancerServiceAnnotations: () => ({}) });
    const props = { backing, edge, secretStore: { name: 'cloud-secrets', ready: [] }, role: 'primary' as const, hostnames: ['a.example.com'], secretNames: { license: ref('l'), adminPassword: ref('a'), masterKey: ref('m'), joinKey: ref('j'), apiToken: ref('t'), replicationPeer: (p: string) => ref(p) }, replication: { region: 'x', push: [], pull: [] } };
    expect(() => new ArtifactoryReplica(stack, 'A', { ...props, replicas: 3 })).toThrow('replicas: 3 nodes is Artifactory HA, which the license does not allow (haLicensed is false)');
    expect(() => new ArtifactoryReplica(stack, 'B', { ...props, hostnames: [] })).toThrow('hostnames: at least the regional name is required');
    expect(() => new ArtifactoryReplica(stack, 'C', { ...props, chartVersion: 'latest' })).toThrow('chartVersion: pin an exact chart version (got "latest")');
  });
});

describe('secrets never land in the synthesized JSON', () => {
  it('holds only references to the secret stores, whatever the stores contain', () => {
    // Test secrets as they would sit in Secrets Manager / Key Vault: none may appear in any stack's JSON.
    const TEST_SECRETS = ['LICENSE-7f3a9c-TEST', 'masterkey-0123456789abcdef', 'joinkey-fedcba9876543210', 'replication-token-s3cr3t'];
    const outdir = mkdtempSync(join(tmpdir(), 'kore-secrets-'));
    const app = new App({ outdir });
    addCatalogueStacks(app, defaultCatalogue());
    app.synth();
    const all = readdirSync(join(outdir, 'stacks')).map((s) => readFileSync(join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8')).join('\n');
    for (const secret of TEST_SECRETS) expect(all).not.toContain(secret);
    expect(all).toContain('kore/artifactory/prod-use1/license');
    expect(all).not.toMatch(/"(password|client_secret|access_key|secret_key|account_key)"\s*:\s*"[^$]/);
  });
});
