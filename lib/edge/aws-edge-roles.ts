import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { irsaTrustPolicy } from '../private/iam';
import { awsLoadBalancerControllerPolicy } from './aws-load-balancer-controller-policy';
import { acmeChallengePolicy, externalDnsPolicy, hostedZoneArn } from './route53-record-policies';
import { EDGE_SERVICE_ACCOUNTS } from './service-accounts';

export interface AwsEdgeRolesProps {
  /** Name prefix: the roles are `<prefix>-lb-controller`, `<prefix>-cert-manager` and `<prefix>-external-dns`. */
  readonly prefix: string;
  readonly region: string;
  readonly clusterName: string;
  /** ARN of the cluster's VPC: the load balancer controller writes security-group rules there only. */
  readonly vpcArn: string;
  /** The cluster's IAM OIDC provider and issuer (IRSA). */
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  /** The region's hosted zone: the only zone cert-manager and external-dns may write to. */
  readonly zoneId: string;
  /**
   * A role in the parent zone's account that cert-manager may assume to answer challenges for global names.
   * @default - none: certificates name regional host names only
   */
  readonly acmeChallengeRoleArn?: string;
}

/**
 * The IRSA roles of a cluster's edge controllers, each trusting one service account and allowed exactly its job:
 * the AWS Load Balancer Controller its own cluster's load balancers and security groups, cert-manager ACME TXT
 * records in the region's zone, external-dns address and ownership records in the region's zone.
 */
export class AwsEdgeRoles extends Construct {
  public readonly loadBalancerController: IamRole;
  public readonly certManager: IamRole;
  public readonly externalDns: IamRole;

  constructor(scope: Construct, id: string, props: AwsEdgeRolesProps) {
    super(scope, id);
    const account = new DataAwsCallerIdentity(this, 'Account');
    const issuerHost = Fn.replace(props.oidcIssuerUrl, 'https://', '');
    const zoneArn = hostedZoneArn(props.zoneId);
    const role = (rid: string, suffix: string, sa: { namespace: string; serviceAccount: string }, policy: string) => {
      const r = new IamRole(this, rid, { name: `${props.prefix}-${suffix}`, assumeRolePolicy: irsaTrustPolicy(props.oidcProviderArn, issuerHost, sa.namespace, sa.serviceAccount) });
      new IamRolePolicy(this, `${rid}Policy`, { role: r.id, name: suffix, policy });
      return r;
    };
    this.loadBalancerController = role(
      'LoadBalancerController',
      'lb-controller',
      EDGE_SERVICE_ACCOUNTS.loadBalancerController,
      awsLoadBalancerControllerPolicy({ clusterName: props.clusterName, region: props.region, accountId: account.accountId, vpcArn: props.vpcArn }),
    );
    const acme = acmeChallengePolicy(zoneArn) as { Statement: unknown[] };
    if (props.acmeChallengeRoleArn) {
      acme.Statement.push({ Sid: 'GlobalNameChallenges', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: props.acmeChallengeRoleArn });
    }
    this.certManager = role('CertManager', 'cert-manager', EDGE_SERVICE_ACCOUNTS.certManager, JSON.stringify(acme));
    this.externalDns = role('ExternalDns', 'external-dns', EDGE_SERVICE_ACCOUNTS.externalDns, JSON.stringify(externalDnsPolicy(zoneArn)));
  }
}
