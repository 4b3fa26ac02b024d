import { spawn } from 'node:child_process';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { describeIntegration, Sandbox } from '../support/integration';

/*
 * The foundation proven with real Terraform against the AWS emulator: the bootstrap stack creates the state store,
 * a region stack keeps its state there (S3 backend with DynamoDB lock and lock file), applies, and re-plans empty;
 * and two applies of one stack cannot hold the lock at once.
 */
describeIntegration('foundation on the emulator', () => {
  const sandbox = new Sandbox();
  let stacks: Record<string, string>;

  beforeAll(async () => {
    await sandbox.start();
    stacks = sandbox.synth(sandboxCatalogue({ endpoint: sandbox.moto.url }));
    await sandbox.bootstrap(stacks.bootstrap);
  }, 300_000);
  afterAll(() => sandbox.stop(), 60_000);

  it('applies a region stack on the S3 backend and the second plan is empty', async () => {
    const dir = stacks['dev-us-east-1'];
    const init = await sandbox.tfOk(dir, ['init', '-input=false']);
    expect(init.stdout).toMatch(/Successfully configured the backend "s3"/);

    const plan = await sandbox.tfOk(dir, ['plan', '-input=false', '-out=first.tfplan']);
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
    await sandbox.tfOk(dir, ['apply', '-input=false', 'first.tfplan']);

    const second = await sandbox.tf(dir, ['plan', '-input=false', '-detailed-exitcode']);
    // -detailed-exitcode: 0 = no changes, 2 = changes, 1 = error
    expect(second.stderr).toBe('');
    expect(second.stdout).toMatch(/No changes\./);
    expect(second.code).toBe(0);

    const state = JSON.parse((await sandbox.tfOk(dir, ['state', 'pull'])).stdout);
    expect(state.lineage).toEqual(expect.any(String));
    const types = new Set(state.resources.filter((r: { mode: string }) => r.mode === 'managed').map((r: { type: string }) => r.type));
    for (const type of [
      'aws_vpc', 'aws_subnet', 'aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_flow_log',
      'aws_cloudwatch_log_group', 'aws_kms_key', 'aws_vpc_endpoint', 'aws_default_security_group', 'aws_eks_cluster',
      'aws_eks_node_group', 'aws_launch_template', 'aws_iam_openid_connect_provider', 'aws_iam_role', 'aws_iam_role_policy_attachment',
      // the Artifactory AWS backing
      'aws_db_instance', 'aws_db_subnet_group', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_iam_role_policy',
    ]) {
      expect(types).toContain(type);
    }
    // Artifactory's database: PostgreSQL, encrypted, password created and kept by Secrets Manager, in the intra subnets.
    const attrs = (type: string, prefix: string) => state.resources.find((r: any) => r.type === type && r.name.startsWith(prefix)).instances[0].attributes;
    const db = attrs('aws_db_instance', 'ArtifactoryBacking_Database');
    expect(db).toMatchObject({ engine: 'postgres', storage_encrypted: true, manage_master_user_password: true, db_name: 'artifactory' });
    expect(db.master_user_secret[0].secret_arn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:/);
    expect(attrs('aws_s3_bucket', 'ArtifactoryBacking_Bucket').bucket).toBe('kore-sandbox-use1-artifactory-filestore');
    const filestoreRole = attrs('aws_iam_role', 'ArtifactoryBacking_FilestoreRole');
    const filestoreTrust = JSON.parse(filestoreRole.assume_role_policy).Statement[0];
    expect(Object.values(filestoreTrust.Condition.StringEquals)).toContain('system:serviceaccount:artifactory:artifactory');
    const bucketOnly = JSON.parse(attrs('aws_iam_role_policy', 'ArtifactoryBacking_FilestoreRolePolicy').policy);
    expect(bucketOnly.Statement.map((s: any) => s.Resource)).toEqual(['arn:aws:s3:::kore-sandbox-use1-artifactory-filestore', 'arn:aws:s3:::kore-sandbox-use1-artifactory-filestore/*']);

    // cluster-autoscaler's role, applied with the rest (the re-plan above is empty): its service account only, and
    // writes only on groups tagged as this cluster's.
    const autoscaler = attrs('aws_iam_role', 'ClusterAutoscalerRole');
    expect(autoscaler.name).toBe('kore-sandbox-use1-cluster-autoscaler');
    expect(Object.values(JSON.parse(autoscaler.assume_role_policy).Statement[0].Condition.StringEquals)).toContain('system:serviceaccount:kube-system:cluster-autoscaler');
    const resize = JSON.parse(attrs('aws_iam_role_policy', 'ClusterAutoscalerRole_Policy').policy).Statement.find((s: any) => s.Sid === 'ResizeOwnGroups');
    expect(resize.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/kore-sandbox-use1': 'owned' } });

    // The edge controllers' IRSA roles: each trusts exactly its service account, and writes only what it must.
    for (const [suffix, sa] of [['lb-controller', 'kube-system:aws-load-balancer-controller'], ['cert-manager', 'cert-manager:cert-manager'], ['external-dns', 'external-dns:external-dns']]) {
      const role = state.resources.find((r: any) => r.type === 'aws_iam_role' && r.instances[0].attributes.name === `kore-sandbox-use1-${suffix}`).instances[0].attributes;
      expect(Object.values(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals)).toContain(`system:serviceaccount:${sa}`);
    }
    const zoneId = attrs('aws_route53_zone', 'Dns_Zone').zone_id;
    const acme = JSON.parse(attrs('aws_iam_role_policy', 'EdgeRoles_CertManagerPolicy').policy);
    expect(acme.Statement.find((s: any) => s.Sid === 'WriteChallenges').Resource).toBe(`arn:aws:route53:::hostedzone/${zoneId}`);
    const lbc = JSON.parse(attrs('aws_iam_role_policy', 'EdgeRoles_LoadBalancerControllerPolicy').policy);
    expect(lbc.Statement.find((s: any) => s.Sid === 'OwnLoadBalancers').Condition.StringEquals).toEqual({ 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'kore-sandbox-use1' });

    // The IRSA trust policy rendered to valid JSON with the issuer host in its condition keys.
    const ebsRole = state.resources.find((r: { type: string; name: string }) => r.type === 'aws_iam_role' && r.name.startsWith('Cluster_EbsCsiRole'));
    const trust = JSON.parse(ebsRole.instances[0].attributes.assume_role_policy);
    expect(Object.keys(trust.Statement[0].Condition.StringEquals).sort()).toEqual([
      expect.stringMatching(/^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/\w+:aud$/),
      expect.stringMatching(/^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/\w+:sub$/),
    ]);
  }, 900_000);

  it('refuses a second apply while the first holds the state lock, then lets a waiting one through', async () => {
    const dir = stacks.global;
    await sandbox.tfOk(dir, ['init', '-input=false']);

    // An apply without -auto-approve takes the lock, plans, and waits at the approval prompt holding it.
    const holder = spawn('terraform', ['apply', '-no-color', '-input=true', '-lock-timeout=0s'], {
      cwd: dir,
      env: { ...process.env, ...sandbox.env, TF_IN_AUTOMATION: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let holderOut = '';
    holder.stdout.on('data', (d: Buffer) => (holderOut += d.toString()));
    holder.stderr.on('data', (d: Buffer) => (holderOut += d.toString()));
    const holderDone = new Promise<number>((resolve) => holder.on('close', (code) => resolve(code ?? 1)));
    await waitFor(() => /Enter a value/.test(holderOut), 120_000, () => holderOut);

    const refused = await sandbox.tf(dir, ['apply', '-input=false', '-auto-approve', '-lock-timeout=0s']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Error acquiring the state lock/);

    // A second contender that waits on the lock succeeds once the holder finishes.
    const waiter = sandbox.tf(dir, ['apply', '-input=false', '-auto-approve', '-lock-timeout=120s']);
    await new Promise((r) => setTimeout(r, 2_000));
    holder.stdin.write('yes\n');
    holder.stdin.end();
    expect(await holderDone).toBe(0);
    const waited = await waiter;
    expect(waited.stderr).toBe('');
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/Apply complete! Resources: 0 added, 0 changed, 0 destroyed/);

    // The state object survived the contention: valid, with the zone the holder created exactly once.
    const state = JSON.parse((await sandbox.tfOk(dir, ['state', 'pull'])).stdout);
    const zones = state.resources.filter((r: { type: string }) => r.type === 'aws_route53_zone');
    expect(zones).toHaveLength(1);
    expect(state.serial).toBeGreaterThanOrEqual(1);
  }, 600_000);

  it('applied the global DNS: parent zone, delegation to the region sub-zone, latency record with health check; re-plan empty', async () => {
    const dir = stacks.global;
    const replan = await sandbox.tf(dir, ['plan', '-input=false', '-detailed-exitcode']);
    expect(replan.stdout).toMatch(/No changes\./);
    expect(replan.code).toBe(0);

    const resources = JSON.parse((await sandbox.tfOk(dir, ['state', 'pull'])).stdout).resources;
    const records = resources.filter((r: any) => r.type === 'aws_route53_record').map((r: any) => r.instances[0].attributes);
    const regionZone = JSON.parse((await sandbox.tfOk(stacks['dev-us-east-1'], ['state', 'pull'])).stdout).resources.find((r: any) => r.type === 'aws_route53_zone').instances[0].attributes;
    const ns = records.find((r: any) => r.type === 'NS');
    expect(ns.name).toBe('use1.sandbox.kore.test');
    expect([...ns.records].sort()).toEqual([...regionZone.name_servers].sort());
    // The role through which the region's cert-manager answers the global name's challenges, applied.
    const acmeRole = resources.find((r: any) => r.type === 'aws_iam_role' && r.name.startsWith('AcmeChallenge_Role')).instances[0].attributes;
    expect(acmeRole.name).toBe('kore-acme-challenge');
    expect(JSON.parse(acmeRole.assume_role_policy).Statement).toEqual([expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::123456789012:role/kore-sandbox-use1-cert-manager' }, Action: 'sts:AssumeRole' })]);
    const latency = records.find((r: any) => r.set_identifier === 'sandbox-use1');
    expect(latency).toMatchObject({ name: 'api.sandbox.kore.test', type: 'CNAME', records: ['api.use1.sandbox.kore.test'], latency_routing_policy: [{ region: 'us-east-1' }] });
    const check = resources.find((r: any) => r.type === 'aws_route53_health_check').instances[0].attributes;
    expect(latency.health_check_id).toBe(check.id);
    expect(check).toMatchObject({ type: 'HTTPS', fqdn: 'api.use1.sandbox.kore.test', resource_path: '/healthz', port: 443 });
  }, 300_000);
});

async function waitFor(check: () => boolean, timeoutMs: number, describeState: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${describeState().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
