import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { webIdentityStatement } from '../private/iam';
import { acmeChallengePolicy, hostedZoneArn } from '../edge/route53-record-policies';
import { acmeChallengeNames, EDGE_SERVICE_ACCOUNTS } from '../edge/service-accounts';

/** Who may answer challenges: a region's cert-manager role (EKS), or a cluster's issuer trusted for its token (AKS). */
export type AcmeChallengePrincipal = { readonly kind: 'role'; readonly arn: string } | { readonly kind: 'web-identity'; readonly issuerUrl: string };

export interface AcmeChallengeRoleProps {
  /** The role's name. */
  readonly name: string;
  /** The parent zone holding the global names. */
  readonly zoneId: string;
  /** The global host names whose `_acme-challenge` TXT records it may write, and nothing else. */
  readonly hostnames: readonly string[];
  /** Per region serving a global name, keyed by region id. */
  readonly principals: Readonly<Record<string, AcmeChallengePrincipal>>;
}

/**
 * A role in the parent zone's account through which the regions' cert-manager answers DNS-01 challenges for the
 * global names (HTTP-01 cannot: the name resolves to whichever region is nearest). It writes exactly the
 * `_acme-challenge.<global name>` TXT records; EKS regions chain into it from their IRSA role, AKS regions present
 * their Kubernetes service-account token through an OIDC provider for their cluster's issuer.
 */
export class AcmeChallengeRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AcmeChallengeRoleProps) {
    super(scope, id);
    if (props.hostnames.length === 0) throw new Error('hostnames: name at least one global host name');
    const { namespace, serviceAccount } = EDGE_SERVICE_ACCOUNTS.certManager;
    const statements: Record<string, unknown>[] = [];
    for (const [region, principal] of Object.entries(props.principals)) {
      if (principal.kind === 'role') {
        statements.push({ Sid: `Region${sid(region)}`, Effect: 'Allow', Principal: { AWS: principal.arn }, Action: 'sts:AssumeRole' });
      } else {
        const provider = new IamOpenidConnectProvider(this, `Issuer-${region}`, { url: principal.issuerUrl, clientIdList: ['sts.amazonaws.com'] });
        statements.push({ Sid: `Region${sid(region)}`, ...webIdentityStatement(provider.arn, Fn.replace(principal.issuerUrl, 'https://', ''), namespace, serviceAccount) });
      }
    }
    if (statements.length === 0) throw new Error('principals: no region may answer the challenges');
    this.role = new IamRole(this, 'Role', { name: props.name, assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
    new IamRolePolicy(this, 'Policy', {
      role: this.role.id,
      name: 'global-name-challenges',
      policy: JSON.stringify(acmeChallengePolicy(hostedZoneArn(props.zoneId), acmeChallengeNames(props.hostnames))),
    });
  }
}

function sid(region: string): string {
  return region.replace(/[^A-Za-z0-9]/g, '');
}
