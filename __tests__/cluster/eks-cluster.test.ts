import { EksCluster, EksClusterProps } from '../../lib/cluster/eks-cluster';
import { AwsNetwork } from '../../lib/network/aws-network';
import { byType, listOf, synthAws } from '../support/synth';
import { synthLayers } from '../support/region';

type Overrides = Partial<Omit<EksClusterProps, 'network'>>;

function synthCluster(overrides: Overrides = {}): any {
  return synthAws((s) => {
    const network = new AwsNetwork(s, 'Network', { name: 'kore-test', region: 'us-east-1', cidr: '10.30.0.0/16', zoneCount: 3 });
    new EksCluster(s, 'Cluster', {
      network,
      clusterName: 'kore-test',
      kubernetesVersion: '1.31',
      nodePools: {
        system: { instanceTypes: ['m6i.large'], minSize: 2, desiredSize: 2, maxSize: 3, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }] },
        general: { instanceTypes: ['m6i.xlarge', 'm5.xlarge'], minSize: 1, desiredSize: 3, maxSize: 9, labels: { team: 'platform' }, diskSizeGb: 100 },
      },
      access: {
        admins: { principal: 'arn:aws:iam::111111111111:role/admins', policy: 'cluster-admin' },
        devs: { principal: 'arn:aws:iam::111111111111:role/devs', policy: 'edit', namespaces: ['development'] },
      },
      ...overrides,
    });
  });
}

describe('EksCluster', () => {
  const json = synthCluster();
  const [cluster] = listOf(json, 'aws_eks_cluster');

  it('puts the control plane in the private subnets with a private-only endpoint by default', () => {
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
    expect(cluster.vpc_config.subnet_ids).toHaveLength(3);
    for (const id of cluster.vpc_config.subnet_ids) expect(id).toMatch(/aws_subnet\.Network_Subnet-private-us-east-1[abc]_/);
  });

  it('opens the public endpoint only to an explicit allow-list', () => {
    const [pub] = listOf(synthCluster({ publicAccessCidrs: ['203.0.113.0/24'] }), 'aws_eks_cluster');
    expect(pub.vpc_config).toMatchObject({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
  });

  it('envelope-encrypts secrets with a rotating KMS key', () => {
    expect(cluster.encryption_config).toEqual({ provider: { key_arn: expect.stringMatching(/aws_kms_key\.Cluster_SecretsKey_.*\.arn/) }, resources: ['secrets'] });
    const key = Object.entries(byType(json, 'aws_kms_key')).find(([name]) => name.startsWith('Cluster_SecretsKey'))![1];
    expect(key.enable_key_rotation).toBe(true);
  });

  it('sends api, audit and authenticator logs to a log group with retention, created first', () => {
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator']);
    const group = listOf(json, 'aws_cloudwatch_log_group').find((g) => g.name === '/aws/eks/kore-test/cluster');
    expect(group.retention_in_days).toBe(90);
    expect(cluster.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.Cluster_ControlPlaneLogs_/)]));
  });

  it('uses API authentication mode without implicit creator admin', () => {
    expect(cluster.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
    expect(cluster.lifecycle).toBeUndefined();
  });

  it('maps IAM principals to cluster-wide and namespace-scoped access policies', () => {
    const entries = listOf(json, 'aws_eks_access_entry').map((e) => e.principal_arn).sort();
    expect(entries).toEqual(['arn:aws:iam::111111111111:role/admins', 'arn:aws:iam::111111111111:role/devs']);
    const policies = listOf(json, 'aws_eks_access_policy_association');
    const admin = policies.find((p) => p.policy_arn.endsWith('AmazonEKSClusterAdminPolicy'));
    expect(admin.access_scope).toEqual({ type: 'cluster' });
    const dev = policies.find((p) => p.policy_arn.endsWith('AmazonEKSEditPolicy'));
    expect(dev.access_scope).toEqual({ type: 'namespace', namespaces: ['development'] });
  });

  it('creates an IAM OIDC provider for IRSA from the cluster issuer', () => {
    const [oidc] = listOf(json, 'aws_iam_openid_connect_provider');
    expect(oidc.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(oidc.url).toMatch(/aws_eks_cluster\.Cluster_.*\.identity\[0\]\.oidc\[0\]\.issuer/);
  });

  it('creates node groups keyed by name, replaced without downtime', () => {
    const groups = byType(json, 'aws_eks_node_group');
    const names = Object.keys(groups).sort();
    expect(names).toEqual([expect.stringMatching(/^Cluster_general_NodeGroup_/), expect.stringMatching(/^Cluster_system_NodeGroup_/)]);
    const general = Object.values(groups).find((g: any) => g.node_group_name_prefix === 'general-') as any;
    expect(general).toMatchObject({
      instance_types: ['m6i.xlarge', 'm5.xlarge'],
      scaling_config: { min_size: 1, desired_size: 3, max_size: 9 },
      labels: { 'kore.io/node-pool': 'general', team: 'platform' },
      lifecycle: { create_before_destroy: true },
    });
    const system = Object.values(groups).find((g: any) => g.node_group_name_prefix === 'system-') as any;
    expect(system.taint).toEqual([{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }]);
    // the role's three policies and the NAT routes of the three private zones: nodes must reach ECR to join
    expect(system.depends_on.filter((d: string) => d.startsWith('aws_iam_role_policy_attachment.'))).toHaveLength(3);
    expect(system.depends_on.filter((d: string) => /^aws_route\.Network_Route-private-us-east-1[abc]-nat_/.test(d))).toHaveLength(3);
  });

  it('requires IMDSv2 and encrypted gp3 root volumes through a launch template per pool', () => {
    const templates = listOf(json, 'aws_launch_template');
    expect(templates).toHaveLength(2);
    const general = templates.find((t) => t.name_prefix === 'kore-test-general-');
    expect(general.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(general.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 100, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    expect(general.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('installs the managed add-ons after the node groups, the EBS CSI driver with its own IRSA role', () => {
    const addons = listOf(json, 'aws_eks_addon');
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'kube-proxy', 'vpc-cni']);
    for (const addon of addons) {
      expect(addon.depends_on).toHaveLength(2);
      for (const dep of addon.depends_on) expect(dep).toMatch(/^aws_eks_node_group\./);
    }
    const ebs = addons.find((a) => a.addon_name === 'aws-ebs-csi-driver');
    expect(ebs.service_account_role_arn).toMatch(/aws_iam_role\.Cluster_EbsCsiRole_/);
    const role = Object.entries(byType(json, 'aws_iam_role')).find(([n]) => n.startsWith('Cluster_EbsCsiRole'))![1];
    expect(role.assume_role_policy).toContain('system:serviceaccount:kube-system:ebs-csi-controller-sa');
    expect(role.assume_role_policy).toContain('sts:AssumeRoleWithWebIdentity');
  });

  it('attaches only the AWS managed policies the cluster and nodes need', () => {
    const arns = listOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort();
    expect(arns).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
  });

  it('can switch off access entries and add-ons, and tolerate the emulator, for sandboxes only', () => {
    const sandbox = synthCluster({ accessEntries: false, addons: false, emulatorQuirks: true });
    expect(listOf(sandbox, 'aws_eks_access_entry')).toHaveLength(0);
    expect(listOf(sandbox, 'aws_eks_addon')).toHaveLength(0);
    expect(listOf(sandbox, 'aws_eks_cluster')[0].lifecycle).toEqual({ ignore_changes: ['access_config'] });
    expect(listOf(sandbox, 'aws_eks_node_group')[0].lifecycle.ignore_changes).toEqual(['scaling_config[0].desired_size', 'remote_access', 'update_config']);
  });

  const pool = { instanceTypes: ['m6i.large'], minSize: 1, desiredSize: 1, maxSize: 2 };
  it.each<[string, Overrides, string | RegExp]>([
    ['unsupported version', { kubernetesVersion: '1.24' }, 'kubernetesVersion: EKS supports 1.29, 1.30, 1.31, 1.32, 1.33 (got "1.24")'],
    ['bad cluster name', { clusterName: 'kore test' }, /^clusterName: 1-100 letters/],
    ['unknown subnet tier', { subnetTier: 'privat' }, 'subnetTier: the network has no tier "privat" (it has public, intra, private)'],
    ['no node pools', { nodePools: {} }, 'nodePools: at least one node pool is required'],
    ['bad pool name', { nodePools: { General: pool } }, 'nodePools: EKS pool names are lowercase letters, digits and dashes, up to 31 characters (got "General")'],
    ['empty instance types', { nodePools: { general: { ...pool, instanceTypes: [] } } }, 'nodePools.general.instanceTypes: at least one non-empty instance type is required (got [])'],
    ['min > desired', { nodePools: { general: { ...pool, minSize: 2, desiredSize: 1, maxSize: 3 } } }, 'nodePools.general.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 2 / 1 / 3)'],
    ['desired > max', { nodePools: { general: { ...pool, desiredSize: 5 } } }, 'nodePools.general.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 1 / 5 / 2)'],
    ['negative size', { nodePools: { general: { ...pool, minSize: -1 } } }, 'nodePools.general.minSize: must be a whole number ≥ 0 (got -1)'],
    ['zero max', { nodePools: { general: { ...pool, minSize: 0, desiredSize: 0, maxSize: 0 } } }, 'nodePools.general.maxSize: must be at least 1 (got 0)'],
    ['tiny disk', { nodePools: { general: { ...pool, diskSizeGb: 8 } } }, 'nodePools.general.diskSizeGb: must be 20-16384 on EKS (got 8)'],
    ['public without allow-list entry', { publicAccessCidrs: ['0.0.0.0/0'] }, 'publicAccessCidrs: together these ranges admit the whole internet (got ["0.0.0.0/0"])'],
    ['the internet in two halves', { publicAccessCidrs: ['0.0.0.0/1', '128.0.0.0/1'] }, 'publicAccessCidrs: together these ranges admit the whole internet (got ["0.0.0.0/1","128.0.0.0/1"])'],
    ['more than a /8 of the internet', { publicAccessCidrs: ['40.0.0.0/7'] }, 'publicAccessCidrs: together these ranges admit more than a /8 of the internet (got ["40.0.0.0/7"])'],
    ['malformed allow-list', { publicAccessCidrs: ['203.0.113.0'] }, 'publicAccessCidrs: not an IPv4 network (got "203.0.113.0")'],
    ['namespaced cluster-admin', { access: { x: { principal: 'arn:aws:iam::111111111111:role/x', policy: 'cluster-admin', namespaces: ['a'] } } }, 'access.x.namespaces: cluster-admin is cluster-wide; use "admin" for namespace administrators (got ["a"])'],
    ['empty namespaces', { access: { x: { principal: 'arn:aws:iam::111111111111:role/x', policy: 'view', namespaces: [] } } }, 'access.x.namespaces: omit it for cluster-wide access, or name at least one'],
    ['empty principal', { access: { x: { principal: ' ', policy: 'view' } } }, 'access.x.principal: must not be empty'],
    ['principal not an IAM ARN', { access: { x: { principal: '0c6f1e4a-0000-4000-8000-0000000000b1', policy: 'view' } } }, 'access.x.principal: an IAM role or user ARN (arn:aws:iam::<account>:role/<name>) (got "0c6f1e4a-0000-4000-8000-0000000000b1")'],
    ['Azure VM size', { nodePools: { general: { ...pool, instanceTypes: ['Standard_D4s_v5'] } } }, 'nodePools.general.instanceTypes.0: "Standard_D4s_v5" is an Azure VM size; EKS nodes take EC2 instance types such as m6i.xlarge'],
    ['bad log retention', { logRetentionDays: 42 }, /^logRetentionDays: CloudWatch accepts .* \(got 42\)$/],
  ])('rejects %s', (_name, overrides, message) => {
    expect(() => synthCluster(overrides)).toThrow(message);
  });
});

describe('AWS region stacks of the default catalogue', () => {
  it('compose network and cluster from the catalogue', () => {
    const json = synthLayers('prod-use1').infra;
    expect(listOf(json, 'aws_vpc')[0].cidr_block).toBe('10.30.0.0/16');
    expect(listOf(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(listOf(json, 'aws_eks_cluster')[0]).toMatchObject({ name: 'kore-prod-use1', version: '1.31' });
    expect(listOf(json, 'aws_eks_node_group').map((g) => g.node_group_name_prefix).sort()).toEqual(['general-', 'system-']);
    expect(listOf(json, 'aws_eks_addon')).toHaveLength(4);
    // platform, developers, and the CI plan and apply identities
    expect(listOf(json, 'aws_eks_access_entry')).toHaveLength(4);
    expect(listOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(3);
  });
});
