import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CertManager, GlobalNameSolver } from './cert-manager';
import { IClusterEdge } from './cluster-edge';
import { AwsLoadBalancerController } from './aws-load-balancer-controller';
import { ExternalDns } from './external-dns';

export interface AwsClusterEdgeProps {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  /** The region's Route53 zone. */
  readonly zoneName: string;
  readonly zoneId: string;
  /** IRSA roles (AwsEdgeRoles), by ARN: they live in the infrastructure layer's state. */
  readonly roles: { readonly loadBalancerController: string; readonly certManager: string; readonly externalDns: string };
  /** Owner id of the region's records (external-dns TXT registry). */
  readonly dnsOwnerId: string;
  /** Global names this region serves, answered in the parent zone. @default - none */
  readonly globalNames?: Omit<GlobalNameSolver, 'via'>;
  /** What must exist first (node pools, CNI, cluster access). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The edge of an EKS cluster: the AWS Load Balancer Controller (NLBs for LoadBalancer Services), cert-manager with a
 * Route53 DNS-01 issuer, and external-dns on the region's zone. Maintained upstream by AWS and the Kubernetes
 * project respectively; no ingress-nginx (retired in March 2026).
 */
export class AwsClusterEdge extends Construct implements IClusterEdge {
  public readonly cloud = 'aws' as const;
  public readonly certificateIssuer: string;
  public readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AwsClusterEdgeProps) {
    super(scope, id);
    const lbc = new AwsLoadBalancerController(this, 'LoadBalancerController', {
      clusterName: props.clusterName,
      region: props.region,
      vpcId: props.vpcId,
      roleArn: props.roles.loadBalancerController,
      dependsOn: props.dependsOn,
    });
    const certManager = new CertManager(this, 'CertManager', {
      identity: { cloud: 'aws', roleArn: props.roles.certManager },
      regionZone: { cloud: 'aws', zoneName: props.zoneName, zoneId: props.zoneId, region: props.region },
      globalNames: props.globalNames ? { ...props.globalNames, via: 'ambient' } : undefined,
      dependsOn: props.dependsOn,
    });
    const dns = new ExternalDns(this, 'ExternalDns', {
      provider: { cloud: 'aws', roleArn: props.roles.externalDns, region: props.region, zoneId: props.zoneId },
      zoneName: props.zoneName,
      ownerId: props.dnsOwnerId,
      dependsOn: props.dependsOn,
    });
    this.certificateIssuer = certManager.issuerName;
    this.ready = [lbc.release, dns.release, ...certManager.ready];
  }

  public loadBalancerServiceAnnotations(hostname: string): Record<string, string> {
    return {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
      'external-dns.alpha.kubernetes.io/hostname': hostname,
    };
  }
}
