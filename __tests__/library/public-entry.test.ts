import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
// Only the public entry: what a consumer of the package can import.
import { AksCluster, AwsNetwork, AzureNetwork, ClusterPlatform, clusterProviders, EksCluster, EksClusterLookup, GUARDRAIL_PACK, ICluster, useClusterProviders } from '../../lib';

/*
 * A consumer's app: literal props, no catalogue, only `lib/index.ts`. It must synthesize a network and a cluster on
 * each cloud, and two platforms in one stack (two clusters) must not collide on providers.
 */
describe('the public entry, used with literal props', () => {
  const app = Testing.app();

  it('builds a network and an EKS cluster on AWS', () => {
    const stack = new TerraformStack(app, 'aws-app');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const network = new AwsNetwork(stack, 'Network', { name: 'acme-euw1', region: 'eu-west-1', cidr: '10.50.0.0/16', zoneCount: 3, natGateways: 'single' });
    const cluster: ICluster = new EksCluster(stack, 'Cluster', {
      network,
      clusterName: 'acme-euw1',
      kubernetesVersion: '1.33',
      nodePools: { general: { instanceTypes: ['m6i.large'], minSize: 2, desiredSize: 3, maxSize: 6 } },
      access: { admins: { principal: 'arn:aws:iam::123456789012:role/admins', policy: 'cluster-admin' } },
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.aws_vpc as Record<string, any>)[0].cidr_block).toBe('10.50.0.0/16');
    expect(Object.values(json.resource.aws_subnet as Record<string, any>)).toHaveLength(9);
    expect(Object.values(json.resource.aws_eks_cluster as Record<string, any>)[0]).toMatchObject({ name: 'acme-euw1', version: '1.33' });
    expect(cluster.cloud).toBe('aws');
  });

  it('builds a network and an AKS cluster on Azure', () => {
    const stack = new TerraformStack(app, 'azure-app');
    new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000001' });
    const network = new AzureNetwork(stack, 'Network', { name: 'acme-neu', location: 'northeurope', cidr: '10.60.0.0/16', zoneCount: 3 });
    new AksCluster(stack, 'Cluster', {
      network,
      clusterName: 'acme-neu',
      location: 'northeurope',
      kubernetesVersion: '1.33',
      tenantId: '00000000-0000-0000-0000-0000000000aa',
      nodePools: { system: { instanceTypes: ['Standard_D4s_v5'], minSize: 2, desiredSize: 3, maxSize: 5 } },
      access: { admins: { principal: '00000000-0000-0000-0000-0000000000bb', policy: 'cluster-admin' } },
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.azurerm_virtual_network as Record<string, any>)[0].address_space).toEqual(['10.60.0.0/16']);
    expect(Object.values(json.resource.azurerm_kubernetes_cluster as Record<string, any>)[0]).toMatchObject({ name: 'acme-neu', kubernetes_version: '1.33' });
  });

  it('puts two clusters’ platforms in one stack, each on the providers it is given', () => {
    const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'two-clusters');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    for (const name of ['blue', 'green']) {
      const cluster = new EksClusterLookup(stack, `Cluster-${name}`, { clusterName: `acme-${name}`, region: 'eu-west-1', nodePoolNames: ['general'] });
      const providers = clusterProviders(stack, cluster, name);
      const platform = new ClusterPlatform(stack, `Platform-${name}`, { cluster, namespaces: { apps: {} } });
      useClusterProviders(platform, providers);
    }
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.kubernetes.map((p: any) => p.alias).sort()).toEqual(['blue', 'green']);
    const namespaces = Object.values(json.resource.kubernetes_namespace_v1 as Record<string, any>);
    expect(namespaces.map((n) => n.provider).sort()).toEqual(['kubernetes.blue', 'kubernetes.green']);
    expect(Object.values(json.resource.kubernetes_storage_class_v1 as Record<string, any>).map((n) => n.provider).sort()).toEqual(['kubernetes.blue', 'kubernetes.green']);
  });

  it('exports the guardrail pack', () => {
    expect(GUARDRAIL_PACK.length).toBeGreaterThan(80);
  });
});

describe('the package', () => {
  it('builds with declarations, exports its entry and ships the local chart', () => {
    const r = spawnSync('npm', ['run', '--silent', 'build:lib'], { encoding: 'utf8' });
    expect({ code: r.status, err: r.stderr.replace(/npm warn.*\n/g, '').trim() }).toEqual({ code: 0, err: '' });
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './pkg/index.d.ts', default: './pkg/index.js' });
    expect(pkg.files).toContain('pkg/');
    expect(existsSync(join('pkg', 'index.d.ts'))).toBe(true);
    expect(existsSync(join('pkg', 'platform', 'charts', 'kore-manifests', 'Chart.yaml'))).toBe(true);
    const lib = require(join(process.cwd(), 'pkg', 'index.js'));
    expect(typeof lib.EksCluster).toBe('function');
    expect(typeof lib.AzureNetwork).toBe('function');
    // The declarations carry the documentation consumers read in their editor: every optional prop of every
    // exported *Props interface says its default.
    const undocumented: string[] = [];
    let checked = 0;
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
    for (const file of walk('pkg')) {
      const text = readFileSync(file, 'utf8');
      for (const [, name, body] of text.matchAll(/export interface (\w+Props)\b[^{]*\{([\s\S]*?)\n\}/g)) {
        for (const m of body.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?readonly (\w+)\?:/g)) {
          checked++;
          if (!m[1]?.includes('@default')) undocumented.push(`${name}.${m[2]}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  }, 180_000);
});
