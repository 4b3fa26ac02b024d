import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AksCluster } from '../lib/cluster/aks-cluster';
import { EksCluster } from '../lib/cluster/eks-cluster';
import { AzureDnsZone } from '../lib/dns/azure-dns-zone';
import { IDnsZone } from '../lib/dns/dns-zone';
import { Route53DnsZone } from '../lib/dns/route53-dns-zone';
import { AwsNetwork } from '../lib/network/aws-network';
import { AzureNetwork } from '../lib/network/azure-network';
import { INetwork } from '../lib/network/network';
import { ICluster } from '../lib/cluster/cluster';
import { ClusterPlatform } from '../lib/platform/cluster-platform';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { regionalAzureProvider } from '../lib/providers/azure-provider';
import { standardTags } from '../lib/private/naming';
import { configureRemoteState } from '../lib/state/remote-state';
import type { Catalogue, RegionEntry } from '../regions/schema';
import { stackNameOf } from '../regions/schema';

export interface RegionStackProps {
  /** The catalogue entry this stack deploys. */
  readonly entry: RegionEntry;
  /** The whole catalogue, for what spans regions (domain, peers). */
  readonly catalogue: Catalogue;
}

/** One region × environment: its own state, providers, network and cluster. Composes only. */
export class RegionStack extends TerraformStack {
  public readonly entry: RegionEntry;
  public readonly network: INetwork;
  public readonly cluster: ICluster;
  /** The region's delegated sub-zone; the global stack delegates to it. */
  public readonly dnsZone: IDnsZone;

  constructor(scope: Construct, props: RegionStackProps) {
    const { entry } = props;
    const name = stackNameOf(entry);
    super(scope, name);
    this.entry = entry;
    const sandbox = entry.sandbox ? { url: entry.sandbox.awsEndpoint } : undefined;
    const tags = standardTags(entry.tags, { environment: entry.environment, 'kore-region': entry.id, stack: name });

    configureRemoteState(this, { state: entry.state, stackName: name, subscriptionId: entry.cloud === 'azure' ? entry.account : undefined, sandbox });
    if (entry.cloud === 'aws') {
      regionalAwsProvider(this, 'aws', { region: entry.region, accountId: entry.account, tags, sandbox });
      const network = new AwsNetwork(this, 'Network', {
        name: `kore-${entry.id}`,
        region: entry.region,
        cidr: entry.network.cidr,
        zoneCount: entry.network.zoneCount,
        natGateways: entry.network.natGateways,
        interfaceEndpoints: entry.network.interfaceEndpoints,
        flowLogRetentionDays: entry.network.flowLogRetentionDays,
      });
      this.network = network;
      this.cluster = new EksCluster(this, 'Cluster', {
        network,
        clusterName: `kore-${entry.id}`,
        kubernetesVersion: entry.cluster.kubernetesVersion,
        nodePools: entry.cluster.nodePools,
        publicAccessCidrs: entry.cluster.publicAccessCidrs,
        access: entry.cluster.access,
        logRetentionDays: entry.cluster.logRetentionDays,
        accessEntries: entry.sandbox ? entry.sandbox.eksAccessEntries : true,
        addons: entry.sandbox ? entry.sandbox.eksAddons : true,
        emulatorQuirks: entry.sandbox !== undefined,
      });
      this.dnsZone = new Route53DnsZone(this, 'Dns', { zoneName: entry.dns.zone, comment: `Region ${entry.id}, delegated from the parent zone` });
    } else {
      regionalAzureProvider(this, 'azurerm', { subscriptionId: entry.account, tenantId: entry.tenantId! });
      const network = new AzureNetwork(this, 'Network', {
        name: `kore-${entry.id}`,
        location: entry.region,
        cidr: entry.network.cidr,
        zoneCount: entry.network.zoneCount,
        natGateway: entry.network.natGateways !== 'none',
        tags,
      });
      this.network = network;
      this.cluster = new AksCluster(this, 'Cluster', {
        network,
        clusterName: `kore-${entry.id}`,
        location: entry.region,
        kubernetesVersion: entry.cluster.kubernetesVersion,
        tenantId: entry.tenantId!,
        nodePools: entry.cluster.nodePools,
        publicAccessCidrs: entry.cluster.publicAccessCidrs,
        access: entry.cluster.access,
        logRetentionDays: entry.cluster.logRetentionDays,
        tags,
      });
      this.dnsZone = new AzureDnsZone(this, 'Dns', { zoneName: entry.dns.zone, resourceGroupName: network.resourceGroup.name, tags });
    }
    // The emulator has no Kubernetes API (and no kubernetes/helm provider is mirrored here): sandboxes stop at the cluster.
    if (!entry.sandbox) {
      new ClusterPlatform(this, 'Platform', {
        cluster: this.cluster,
        namespaces: entry.cluster.namespaces,
        access: entry.cluster.access,
        argoCd: entry.cluster.argoCd ? { domain: `argocd.${entry.dns.zone}`, highAvailability: entry.cluster.argoCd.highAvailability } : undefined,
      });
    }
    // Who owns the zone, readable with dig; regional service names (ingress) are added by external-dns in-cluster.
    this.dnsZone.addRecord('_kore', { type: 'TXT', values: [`stack=${name} cloud=${entry.cloud} region=${entry.region} env=${entry.environment}`] });
  }
}
