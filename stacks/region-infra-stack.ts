import { TerraformOutput } from 'cdktf';
import { FleetStack } from './fleet-stack';
import { Construct } from 'constructs';
import { IArtifactoryBacking } from '../lib/artifactory/artifactory-backing';
import { AwsArtifactoryBacking } from '../lib/artifactory/aws-artifactory-backing';
import { AzureArtifactoryBacking } from '../lib/artifactory/azure-artifactory-backing';
import { AksCluster } from '../lib/cluster/aks-cluster';
import { ICluster } from '../lib/cluster/cluster';
import { EksCluster } from '../lib/cluster/eks-cluster';
import { AzureDnsZone } from '../lib/dns/azure-dns-zone';
import { IDnsZone } from '../lib/dns/dns-zone';
import { Route53DnsZone } from '../lib/dns/route53-dns-zone';
import { AwsNetwork } from '../lib/network/aws-network';
import { AzureNetwork } from '../lib/network/azure-network';
import { INetwork } from '../lib/network/network';
import { AcmeChallengePrincipal } from '../lib/dns/acme-challenge-role';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { regionalAzureProvider } from '../lib/providers/azure-provider';
import { configureRemoteState } from '../lib/state/remote-state';
import { adoptResources } from '../lib/adoption/adopt-resources';
import { suppressGuardrails } from '../lib/guardrails/suppress';
import { ClusterAutoscalerRole } from '../lib/cluster/node-autoscaling';
import { AwsVmService } from '../lib/vm/aws-vm-service';
import { AzureVmService } from '../lib/vm/azure-vm-service';
import type { IVmService } from '../lib/vm/vm-service';
import { AwsEdgeRoles } from '../lib/edge/aws-edge-roles';
import { AzureEdgeIdentities } from '../lib/edge/azure-edge-identities';
import { AwsSecretReaderRole } from '../lib/secrets/aws-secret-reader-role';
import { AzureSecretReaderIdentity } from '../lib/secrets/azure-secret-reader-identity';
import { ciAccessGrants } from '../regions/automation';
import { acmeChallengeRoleArnOf, entryNames, secretPrefixesOf } from '../regions/cloud-names';
import type { Catalogue, RegionEntry } from '../regions/schema';
import { stackNameOf } from '../regions/schema';
import { regionTags, sandboxOf } from './region-naming';

export interface RegionInfraStackProps {
  /** The catalogue entry this stack deploys. */
  readonly entry: RegionEntry;
  /** The whole catalogue, for what spans regions (automation identities). */
  readonly catalogue: Catalogue;
}

/** Guardrails that insist on the protections a decommissioned entry lifts (zone, database, filestore, locks). */
const DECOMMISSION_SUPPRESSIONS = ['AWS-R53-003', 'AWS-S3-006', 'AWS-RDS-005', 'AZ-DNS-002'] as const;

/**
 * One region × environment, cloud resources only: network, cluster and its access, the Artifactory backing and the
 * region's DNS zone. Its own state (`<env>-<region>`); the in-cluster layer is `PlatformStack`, in another state,
 * so that plans of this stack never need the cluster's (private) API. Composes only.
 */
export class RegionInfraStack extends FleetStack {
  public readonly entry: RegionEntry;
  public readonly network: INetwork;
  public readonly cluster: ICluster;
  /** The region's delegated sub-zone; the global stack delegates to it. */
  public readonly dnsZone: IDnsZone;
  /** Cloud resources behind the region's Artifactory, when it has an Artifactory role. */
  public readonly artifactoryBacking?: IArtifactoryBacking;
  /** The region's services still on VMs (catalogue `vmServices`). */
  public readonly vmServices: readonly IVmService[];
  /** Who answers ACME challenges for the global names this region serves (trusted by the global stack's role). */
  public readonly acmeChallengePrincipal: AcmeChallengePrincipal;

  constructor(scope: Construct, props: RegionInfraStackProps) {
    const { entry, catalogue } = props;
    const name = stackNameOf(entry);
    const artifactory = entry.artifactory;
    super(scope, name);
    this.entry = entry;
    const sandbox = sandboxOf(entry);
    const tags = regionTags(entry, name);
    const access = { ...entry.cluster.access, ...ciAccessGrants(catalogue, entry) };
    const names = entryNames(entry);
    const clusterName = names.clusterName;

    configureRemoteState(this, { state: entry.state, stackName: name, subscriptionId: entry.cloud === 'azure' ? entry.account : undefined, sandbox });
    if (entry.cloud === 'aws') {
      regionalAwsProvider(this, 'aws', { region: entry.region, accountId: entry.account, tags, sandbox });
      const network = new AwsNetwork(this, 'Network', {
        name: names.prefix,
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
        clusterName,
        kubernetesVersion: entry.cluster.kubernetesVersion,
        nodePools: entry.cluster.nodePools,
        publicAccessCidrs: entry.cluster.publicAccessCidrs,
        access,
        logRetentionDays: entry.cluster.logRetentionDays,
        accessEntries: entry.sandbox ? entry.sandbox.eksAccessEntries : true,
        addons: entry.sandbox ? entry.sandbox.eksAddons : true,
        emulatorQuirks: entry.sandbox !== undefined,
      });
      this.cluster = eks;
      if (artifactory) {
        this.artifactoryBacking = new AwsArtifactoryBacking(this, 'ArtifactoryBacking', {
          name: names.artifactory,
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
          emulatorQuirks: entry.sandbox !== undefined,
          preventDestroy: !entry.decommission,
        });
      }
      // cluster-autoscaler (platform layer) scales the node groups between their bounds, and only this cluster's.
      const autoscaler = new ClusterAutoscalerRole(this, 'ClusterAutoscalerRole', { clusterName, oidcProviderArn: eks.oidcProvider.arn, oidcIssuerUrl: eks.oidcIssuerUrl });
      new TerraformOutput(this, 'cluster_autoscaler_role_arn', { value: autoscaler.role.arn });
      // The External Secrets Operator reads this region's secrets (and the database's managed one) and nothing else.
      const reader = new AwsSecretReaderRole(this, 'ExternalSecretsRole', {
        name: names.externalSecrets,
        region: entry.region,
        oidcProviderArn: eks.oidcProvider.arn,
        oidcIssuerUrl: eks.oidcIssuerUrl,
        namespace: 'external-secrets',
        serviceAccount: 'external-secrets',
        secretPrefixes: secretPrefixesOf(entry),
        secretArns: this.artifactoryBacking ? [this.artifactoryBacking.exports.db_secret_arn] : [],
      });
      new TerraformOutput(this, 'external_secrets_role_arn', { value: reader.role.arn });
      const zone = new Route53DnsZone(this, 'Dns', { zoneName: entry.dns.zone, comment: `Region ${entry.id}, delegated from the parent zone`, protect: !entry.decommission });
      this.dnsZone = zone;
      // The edge controllers of the platform layer: load balancers of this cluster, records of this zone only.
      const edge = new AwsEdgeRoles(this, 'EdgeRoles', {
        prefix: names.prefix,
        region: entry.region,
        clusterName,
        vpcArn: network.vpc.arn,
        oidcProviderArn: eks.oidcProvider.arn,
        oidcIssuerUrl: eks.oidcIssuerUrl,
        zoneId: zone.zoneId,
        acmeChallengeRoleArn: acmeChallengeRoleArnOf(catalogue, entry),
      });
      this.acmeChallengePrincipal = { kind: 'role', arn: edge.certManager.arn };
      new TerraformOutput(this, 'vpc_id', { value: network.networkId });
      new TerraformOutput(this, 'dns_zone_id', { value: zone.zoneId });
      new TerraformOutput(this, 'load_balancer_controller_role_arn', { value: edge.loadBalancerController.arn });
      new TerraformOutput(this, 'cert_manager_role_arn', { value: edge.certManager.arn });
      new TerraformOutput(this, 'external_dns_role_arn', { value: edge.externalDns.arn });
    } else {
      regionalAzureProvider(this, 'azurerm', { subscriptionId: entry.account, tenantId: entry.tenantId });
      const network = new AzureNetwork(this, 'Network', {
        name: names.prefix,
        location: entry.region,
        cidr: entry.network.cidr,
        zoneCount: entry.network.zoneCount,
        natGateway: entry.network.natGateways !== 'none',
        ingressPublicIp: true,
        tags,
      });
      this.network = network;
      const aks = new AksCluster(this, 'Cluster', {
        network,
        clusterName,
        location: entry.region,
        kubernetesVersion: entry.cluster.kubernetesVersion,
        tenantId: entry.tenantId,
        nodePools: entry.cluster.nodePools,
        publicAccessCidrs: entry.cluster.publicAccessCidrs,
        access,
        logRetentionDays: entry.cluster.logRetentionDays,
        ingressPublicIpId: network.ingressIp?.id,
        autoscaling: entry.cluster.autoscaler,
        tags,
      });
      this.cluster = aks;
      if (!network.ingressIp) throw new Error('AzureNetwork made no ingress IP although ingressPublicIp was set');
      // The in-cluster ingress controller's Service asks for this address by name and resource group.
      new TerraformOutput(this, 'ingress_public_ip_name', { value: network.ingressIp.name });
      new TerraformOutput(this, 'ingress_public_ip_address', { value: network.ingressIp.ipAddress });
      new TerraformOutput(this, 'ingress_resource_group', { value: network.resourceGroup.name });
      const azureArtifactory = entry.artifactory;
      if (azureArtifactory) {
        this.artifactoryBacking = new AzureArtifactoryBacking(this, 'ArtifactoryBacking', {
          name: names.artifactory,
          location: entry.region,
          tenantId: entry.tenantId,
          network,
          oidcIssuerUrl: aks.oidcIssuerUrl,
          keyVault: azureArtifactory.keyVault,
          storageAccountName: names.filestoreStorageAccount,
          namespace: 'artifactory',
          serviceAccount: 'artifactory',
          databaseSku: azureArtifactory.database.size,
          databaseStorageGb: azureArtifactory.database.storageGb,
          databaseHighAvailability: azureArtifactory.database.highAvailability,
          tags,
          preventDestroy: !entry.decommission,
        });
      }
      if (artifactory?.keyVault) {
        const reader = new AzureSecretReaderIdentity(this, 'ExternalSecretsIdentity', {
          name: names.externalSecrets,
          location: entry.region,
          resourceGroupName: network.resourceGroup.name,
          oidcIssuerUrl: aks.oidcIssuerUrl,
          namespace: 'external-secrets',
          serviceAccount: 'external-secrets',
          keyVault: artifactory.keyVault,
          tags,
        });
        new TerraformOutput(this, 'external_secrets_client_id', { value: reader.identity.clientId });
        new TerraformOutput(this, 'key_vault_uri', { value: reader.vaultUri });
      }
      const zone = new AzureDnsZone(this, 'Dns', { zoneName: entry.dns.zone, resourceGroupName: network.resourceGroup.name, tags, protect: !entry.decommission });
      this.dnsZone = zone;
      const edge = new AzureEdgeIdentities(this, 'EdgeIdentities', {
        prefix: names.prefix,
        location: entry.region,
        resourceGroupName: network.resourceGroup.name,
        oidcIssuerUrl: aks.oidcIssuerUrl,
        zoneId: zone.zoneId,
        tags,
      });
      // cert-manager answers global names' challenges in the parent Route53 zone with its Kubernetes token.
      this.acmeChallengePrincipal = { kind: 'web-identity', issuerUrl: aks.oidcIssuerUrl };
      new TerraformOutput(this, 'cert_manager_client_id', { value: edge.certManager.clientId });
      new TerraformOutput(this, 'external_dns_client_id', { value: edge.externalDns.clientId });
    }
    // Who owns the zone, readable with dig; regional service names are written by the platform layer.
    this.dnsZone.addRecord('_kore', { type: 'TXT', values: [`stack=${name} cloud=${entry.cloud} region=${entry.region} env=${entry.environment}`] });

    this.vmServices = entry.vmServices.map((s) => {
      const common = { ...s, prefix: names.prefix, network: this.network, tags: { ...tags, ...s.tags } };
      const service =
        entry.cloud === 'aws'
          ? new AwsVmService(this, `VmService-${s.name}`, { ...common, emulatorQuirks: entry.sandbox !== undefined })
          : new AzureVmService(this, `VmService-${s.name}`, { ...common, location: entry.region, breakGlassSshPublicKey: s.breakGlassSshPublicKey ?? '' });
      new TerraformOutput(this, `vm_${s.name.replace(/-/g, '_')}_address`, { value: service.address });
      return service;
    });

    if (entry.adopt) adoptResources(this, entry.adopt);
    // The first step of retiring the region: its protections are lifted on purpose, for one release.
    if (entry.decommission) suppressGuardrails(this, DECOMMISSION_SUPPRESSIONS.map((rule) => ({ rule, reason: `Region ${entry.id} is being decommissioned: its protections are lifted for one release before its stacks are destroyed.` })));

    // Explicit outputs the platform layer reads from this state (by these names, never by construct paths).
    new TerraformOutput(this, 'cluster_name', { value: clusterName });
    for (const [key, value] of Object.entries(this.artifactoryBacking?.exports ?? {})) {
      new TerraformOutput(this, `artifactory_${key}`, { value });
    }
  }
}
