import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IArtifactoryBacking } from '../lib/artifactory/artifactory-backing';
import { ArtifactoryReplica } from '../lib/artifactory/artifactory-replica';
import { AwsArtifactoryBacking } from '../lib/artifactory/aws-artifactory-backing';
import { AzureArtifactoryBacking } from '../lib/artifactory/azure-artifactory-backing';
import { LICENSE_FEATURES } from '../lib/artifactory/replication';
import { replicationFor } from '../lib/artifactory/replication-plan';
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
  /** Cloud resources behind the region's Artifactory, when it has an Artifactory role. */
  public readonly artifactoryBacking?: IArtifactoryBacking;

  constructor(scope: Construct, props: RegionStackProps) {
    const { entry, catalogue } = props;
    const name = stackNameOf(entry);
    const artifactory = entry.artifactory;
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
      const eks = new EksCluster(this, 'Cluster', {
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
      this.cluster = eks;
      if (artifactory) {
        this.artifactoryBacking = new AwsArtifactoryBacking(this, 'ArtifactoryBacking', {
          name: `kore-${entry.id}-artifactory`,
          region: entry.region,
          network,
          oidcProviderArn: eks.oidcProvider.arn,
          oidcIssuerUrl: eks.oidcIssuerUrl,
          namespace: 'artifactory',
          serviceAccount: 'artifactory',
          databaseInstanceClass: artifactory.database.size,
          databaseStorageGb: artifactory.database.storageGb,
          databaseHighAvailability: artifactory.database.highAvailability,
          // The emulator cannot evaluate the TLS-only condition (see SecureBucketProps.tlsOnlyPolicy).
          tlsOnlyPolicy: !entry.sandbox,
        });
      }
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
      const aks = new AksCluster(this, 'Cluster', {
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
      this.cluster = aks;
      if (artifactory) {
        this.artifactoryBacking = new AzureArtifactoryBacking(this, 'ArtifactoryBacking', {
          name: `kore-${entry.id}-artifactory`,
          location: entry.region,
          tenantId: entry.tenantId!,
          network,
          oidcIssuerUrl: aks.oidcIssuerUrl,
          keyVault: artifactory.keyVault!,
          storageAccountName: `kore${entry.id.replace(/-/g, '')}af`.slice(0, 24),
          namespace: 'artifactory',
          serviceAccount: 'artifactory',
          databaseSku: artifactory.database.size,
          databaseStorageGb: artifactory.database.storageGb,
          databaseHighAvailability: artifactory.database.highAvailability,
          tags,
        });
      }
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
    if (artifactory && this.artifactoryBacking && !entry.sandbox) {
      const globalName = catalogue.globalNames.artifactory?.regions.includes(entry.id) ? [`artifactory.${catalogue.domain}`] : [];
      const secretNames =
        entry.cloud === 'aws'
          ? { license: `kore/artifactory/${entry.id}/license`, masterKey: `kore/artifactory/${entry.id}/master-key`, joinKey: `kore/artifactory/${entry.id}/join-key`, replicationToken: `kore/artifactory/replication-token` }
          : { license: 'artifactory-license', masterKey: 'artifactory-master-key', joinKey: 'artifactory-join-key', replicationToken: 'artifactory-replication-token' };
      const replica = new ArtifactoryReplica(this, 'Artifactory', {
        backing: this.artifactoryBacking,
        role: artifactory.role,
        hostnames: [`artifactory.${entry.dns.zone}`, ...globalName],
        secretNames,
        replication: replicationFor(catalogue, entry.id),
        replicas: artifactory.replicas,
        haLicensed: LICENSE_FEATURES[catalogue.replication.license].ha,
        resources: artifactory.resources,
        storageClass: artifactory.storageClass,
        dependsOn: this.cluster.workloadReady,
      });
      // The regional name the global latency records and their health checks point at.
      this.dnsZone.addRecord('artifactory', { type: entry.cloud === 'aws' ? 'CNAME' : 'A', values: [replica.ingressAddress], ttl: 60 });
    }
    // Who owns the zone, readable with dig; other regional service names are added by external-dns in-cluster.
    this.dnsZone.addRecord('_kore', { type: 'TXT', values: [`stack=${name} cloud=${entry.cloud} region=${entry.region} env=${entry.environment}`] });
  }
}
