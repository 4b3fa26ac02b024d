import { FleetStack } from './fleet-stack';
import { Construct } from 'constructs';
import { ARTIFACTORY_EXPORT_KEYS, artifactoryBackingRef } from '../lib/artifactory/artifactory-backing';
import { ArtifactoryReplica, ArtifactorySecretNames } from '../lib/artifactory/artifactory-replica';
import { LICENSE_FEATURES } from '../lib/artifactory/replication';
import { AksClusterLookup } from '../lib/cluster/aks-cluster-lookup';
import { ICluster } from '../lib/cluster/cluster';
import { EksClusterLookup } from '../lib/cluster/eks-cluster-lookup';
import { AwsClusterEdge } from '../lib/edge/aws-cluster-edge';
import { AzureClusterEdge } from '../lib/edge/azure-cluster-edge';
import { IClusterEdge } from '../lib/edge/cluster-edge';
import { ArgoCdProps } from '../lib/platform/argo-cd';
import { ClusterPlatform } from '../lib/platform/cluster-platform';
import { clusterProviders } from '../lib/platform/cluster-providers';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { regionalAzureProvider } from '../lib/providers/azure-provider';
import { ExternalSecrets } from '../lib/platform/external-secrets';
import { EksNodeScaling } from '../lib/platform/node-metrics-and-scaling';
import { configureRemoteState, readRemoteState } from '../lib/state/remote-state';
import { ciAccessGrants } from '../regions/automation';
import { acmeChallengeRoleArnOf, globalHostnamesOf } from '../regions/cloud-names';
import { gitOpsSourceOf } from '../regions/gitops-schema';
import { replicationFor } from '../regions/replication-topology';
import type { Catalogue, RegionEntry } from '../regions/schema';
import { platformStackNameOf, stackNameOf } from '../regions/schema';
import { aksResourceGroupOf, azureNetworkResourceGroupOf, clusterNameOf, regionTags } from './region-naming';

export interface PlatformStackProps {
  /** The catalogue entry whose cluster this stack configures. */
  readonly entry: RegionEntry;
  /** The whole catalogue (replication topology, global names, automation). */
  readonly catalogue: Catalogue;
}

/**
 * One region's in-cluster layer, in its own state (`<env>-<region>-platform`): namespaces, RBAC, storage class,
 * the edge (load balancer controller, cert-manager, external-dns), Argo CD and Artifactory; external-dns publishes
 * the regional `artifactory` name, so no Terraform resource waits for a load balancer address. The kubernetes and helm providers are configured from a lookup of the cluster by name
 * (never from resources of another state); what it needs from the infrastructure layer comes from that layer's
 * named outputs. Applied after the infrastructure stack (a stack dependency), on runners that reach the cluster's
 * private API. Composes only.
 */
export class PlatformStack extends FleetStack {
  public readonly entry: RegionEntry;
  public readonly cluster: ICluster;

  constructor(scope: Construct, props: PlatformStackProps) {
    const { entry, catalogue } = props;
    const name = platformStackNameOf(entry);
    super(scope, name);
    this.entry = entry;
    const tags = regionTags(entry, name);
    const subscriptionId = entry.cloud === 'azure' ? entry.account : undefined;
    configureRemoteState(this, { state: entry.state, stackName: name, subscriptionId });
    const infra = readRemoteState(this, 'infrastructure', { state: entry.state, stackName: stackNameOf(entry), subscriptionId });
    const clusterName = clusterNameOf(entry);
    const nodePoolNames = Object.keys(entry.cluster.nodePools);

    let edge: IClusterEdge;
    let secrets: ExternalSecrets | undefined;
    // The plan and apply identities must have their cluster access before anything in the cluster is planned.
    const requiredAccess = Object.values(ciAccessGrants(catalogue, entry)).map((g) => g.principal);
    const globalHostnames = globalHostnamesOf(catalogue, entry.id);
    const acmeRoleArn = acmeChallengeRoleArnOf(catalogue, entry);
    const globalNames = acmeRoleArn ? { hostnames: globalHostnames, roleArn: acmeRoleArn } : undefined;
    if (entry.cloud === 'aws') {
      regionalAwsProvider(this, 'aws', { region: entry.region, accountId: entry.account, tags });
      this.cluster = new EksClusterLookup(this, 'Cluster', { clusterName, region: entry.region, nodePoolNames, requiredAccess });
      secrets = new ExternalSecrets(this, 'ExternalSecrets', {
        backend: { cloud: 'aws', region: entry.region, roleArn: infra.getString('external_secrets_role_arn') },
        dependsOn: this.cluster.workloadReady,
      });
      new EksNodeScaling(this, 'NodeScaling', {
        clusterName,
        region: entry.region,
        kubernetesVersion: entry.cluster.kubernetesVersion,
        roleArn: infra.getString('cluster_autoscaler_role_arn'),
        profile: entry.cluster.autoscaler,
        dependsOn: this.cluster.workloadReady,
      });
      edge = new AwsClusterEdge(this, 'Edge', {
        clusterName,
        region: entry.region,
        vpcId: infra.getString('vpc_id'),
        zoneName: entry.dns.zone,
        zoneId: infra.getString('dns_zone_id'),
        roles: {
          loadBalancerController: infra.getString('load_balancer_controller_role_arn'),
          certManager: infra.getString('cert_manager_role_arn'),
          externalDns: infra.getString('external_dns_role_arn'),
        },
        dnsOwnerId: name,
        globalNames,
        dependsOn: this.cluster.workloadReady,
      });
    } else {
      regionalAzureProvider(this, 'azurerm', { subscriptionId: entry.account, tenantId: entry.tenantId });
      this.cluster = new AksClusterLookup(this, 'Cluster', { clusterName, resourceGroupName: aksResourceGroupOf(entry), nodePoolNames, requiredAccess });
      if (entry.artifactory?.keyVault) {
        secrets = new ExternalSecrets(this, 'ExternalSecrets', {
          backend: { cloud: 'azure', vaultUrl: infra.getString('key_vault_uri'), clientId: infra.getString('external_secrets_client_id') },
          dependsOn: this.cluster.workloadReady,
        });
      }
      edge = new AzureClusterEdge(this, 'Edge', {
        tenantId: entry.tenantId,
        subscriptionId: entry.account,
        zoneName: entry.dns.zone,
        zoneResourceGroup: azureNetworkResourceGroupOf(entry),
        identities: { certManager: infra.getString('cert_manager_client_id'), externalDns: infra.getString('external_dns_client_id') },
        publicIp: { name: infra.getString('ingress_public_ip_name'), resourceGroup: infra.getString('ingress_resource_group') },
        dnsOwnerId: name,
        globalNames,
        dependsOn: this.cluster.workloadReady,
      });
    }
    clusterProviders(this, this.cluster);

    new ClusterPlatform(this, 'Platform', {
      cluster: this.cluster,
      namespaces: entry.cluster.namespaces,
      access: entry.cluster.access,
      argoCd: argoCdOf(entry, secrets),
      gitOps: catalogue.gitops && entry.cluster.argoCd ? { source: gitOpsSourceOf(catalogue.gitops, entry), secretStore: secrets ? { name: secrets.storeName, ready: secrets.ready } : undefined } : undefined,
    });

    const artifactory = entry.artifactory;
    if (artifactory && secrets) {
      const keys = ARTIFACTORY_EXPORT_KEYS[entry.cloud];
      const backing = artifactoryBackingRef(entry.cloud, Object.fromEntries(keys.map((k) => [k, infra.getString(`artifactory_${k}`)])));
      const globalName = globalHostnames.filter((h) => h === `artifactory.${catalogue.domain}`);
      new ArtifactoryReplica(this, 'Artifactory', {
        backing,
        secretStore: { name: secrets.storeName, ready: secrets.ready },
        role: artifactory.role,
        hostnames: [`artifactory.${entry.dns.zone}`, ...globalName],
        edge,
        secretNames: artifactorySecretNames(entry),
        replication: replicationFor(catalogue, entry.id),
        replicas: artifactory.replicas,
        haLicensed: LICENSE_FEATURES[catalogue.replication.license].ha,
        resources: artifactory.resources,
        storageClass: artifactory.storageClass,
        dependsOn: this.cluster.workloadReady,
      });
    }
  }
}

/** Argo CD's settings: SSO through the cluster's secret store, the local admin only as the catalogue says. */
function argoCdOf(entry: RegionEntry, secrets: ExternalSecrets | undefined): ArgoCdProps | undefined {
  const argo = entry.cluster.argoCd;
  if (!argo) return undefined;
  const sso = argo.sso && secrets ? { ...argo.sso, clientSecret: { name: argo.sso.clientSecret }, secretStore: { name: secrets.storeName, ready: secrets.ready } } : undefined;
  return { domain: `argocd.${entry.dns.zone}`, highAvailability: argo.highAvailability, sso, localAdmin: argo.localAdmin };
}

/** Where each region's Artifactory secrets live: Secrets Manager names on AWS, Key Vault secret names on Azure. */
function artifactorySecretNames(entry: RegionEntry): ArtifactorySecretNames {
  return entry.cloud === 'aws'
    ? {
        license: { name: `kore/artifactory/${entry.id}/license` },
        adminPassword: { name: `kore/artifactory/${entry.id}/admin-password` },
        masterKey: { name: `kore/artifactory/${entry.id}/master-key` },
        joinKey: { name: `kore/artifactory/${entry.id}/join-key` },
        apiToken: { name: `kore/artifactory/${entry.id}/api-token` },
        replicationPeer: (peer) => ({ name: `kore/artifactory/${entry.id}/replication/${peer}` }),
      }
    : {
        license: { name: 'artifactory-license' },
        adminPassword: { name: 'artifactory-admin-password' },
        masterKey: { name: 'artifactory-master-key' },
        joinKey: { name: 'artifactory-join-key' },
        apiToken: { name: 'artifactory-api-token' },
        replicationPeer: (peer) => ({ name: `artifactory-replication-${peer}` }),
      };
}
