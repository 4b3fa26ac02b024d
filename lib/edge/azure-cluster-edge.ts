import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CertManager, GlobalNameSolver } from './cert-manager';
import { IClusterEdge } from './cluster-edge';
import { ExternalDns } from './external-dns';

export interface AzureClusterEdgeProps {
  readonly tenantId: string;
  readonly subscriptionId: string;
  /** The region's Azure DNS zone and its resource group. */
  readonly zoneName: string;
  readonly zoneResourceGroup: string;
  /** Client ids of the workload identities (AzureEdgeIdentities): they live in the infrastructure layer's state. */
  readonly identities: { readonly certManager: string; readonly externalDns: string };
  /** The static public IP the load balancer takes (AzureNetwork `ingressPublicIp`), by name and resource group. */
  readonly publicIp: { readonly name: string; readonly resourceGroup: string };
  /** Owner id of the region's records (external-dns TXT registry). */
  readonly dnsOwnerId: string;
  /** Global names this region serves, answered in the parent Route53 zone. @default - none */
  readonly globalNames?: Omit<GlobalNameSolver, 'via'>;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The edge of an AKS cluster: AKS's own cloud provider builds the Standard Load Balancer on the pre-created static
 * IP (the only address the network admits web traffic to), cert-manager answers DNS-01 in Azure DNS, external-dns
 * writes the region's records. Why no in-cluster ingress controller: the application routing add-on is ingress-nginx
 * underneath (retired upstream in March 2026), and Application Gateway for Containers adds a paid L7 service and a
 * controller whose chart could not be verified here; the workloads published so far terminate TLS themselves.
 */
export class AzureClusterEdge extends Construct implements IClusterEdge {
  public readonly cloud = 'azure' as const;
  public readonly certificateIssuer: string;
  public readonly ready: readonly ITerraformDependable[];
  private readonly publicIp: AzureClusterEdgeProps['publicIp'];

  constructor(scope: Construct, id: string, props: AzureClusterEdgeProps) {
    super(scope, id);
    this.publicIp = props.publicIp;
    const certManager = new CertManager(this, 'CertManager', {
      identity: { cloud: 'azure', clientId: props.identities.certManager },
      regionZone: { cloud: 'azure', zoneName: props.zoneName, subscriptionId: props.subscriptionId, resourceGroupName: props.zoneResourceGroup, clientId: props.identities.certManager },
      globalNames: props.globalNames ? { ...props.globalNames, via: 'service-account-token' } : undefined,
      dependsOn: props.dependsOn,
    });
    const dns = new ExternalDns(this, 'ExternalDns', {
      provider: { cloud: 'azure', clientId: props.identities.externalDns, tenantId: props.tenantId, subscriptionId: props.subscriptionId, resourceGroupName: props.zoneResourceGroup },
      zoneName: props.zoneName,
      ownerId: props.dnsOwnerId,
      dependsOn: props.dependsOn,
    });
    this.certificateIssuer = certManager.issuerName;
    this.ready = [dns.release, ...certManager.ready];
  }

  public loadBalancerServiceAnnotations(hostname: string): Record<string, string> {
    return {
      'service.beta.kubernetes.io/azure-pip-name': this.publicIp.name,
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': this.publicIp.resourceGroup,
      'external-dns.alpha.kubernetes.io/hostname': hostname,
    };
  }
}
