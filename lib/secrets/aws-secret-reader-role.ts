import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { irsaTrustPolicy } from '../private/iam';

export interface AwsSecretReaderRoleProps {
  /** The role's name. */
  readonly name: string;
  readonly region: string;
  /** The cluster's IAM OIDC provider and issuer (IRSA). */
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  /** The service account that may assume the role. */
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Secret name prefixes it may read (`kore/prod-use1/` reads every secret under it). */
  readonly secretPrefixes: readonly string[];
  /** Whole secret ARNs it may read besides (an RDS-managed master secret). @default [] */
  readonly secretArns?: readonly string[];
}

/**
 * An IRSA role that may read exactly the named secrets and prefixes of Secrets Manager in its region — for the
 * External Secrets Operator, which syncs them into the cluster.
 */
export class AwsSecretReaderRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AwsSecretReaderRoleProps) {
    super(scope, id);
    if (props.secretPrefixes.length + (props.secretArns?.length ?? 0) === 0) throw new Error('secretPrefixes: name at least one secret the role may read');
    const account = new DataAwsCallerIdentity(this, 'Account');
    this.role = new IamRole(this, 'Role', {
      name: props.name,
      assumeRolePolicy: irsaTrustPolicy(props.oidcProviderArn, Fn.replace(props.oidcIssuerUrl, 'https://', ''), props.namespace, props.serviceAccount),
    });
    const resources = [
      ...props.secretPrefixes.map((p) => `arn:aws:secretsmanager:${props.region}:${account.accountId}:secret:${p}*`),
      ...(props.secretArns ?? []),
    ];
    new IamRolePolicy(this, 'Policy', {
      role: this.role.id,
      name: 'read-named-secrets',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'ReadNamedSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: resources }],
      }),
    });
  }
}
