import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { managedPolicyArn } from '../private/iam';

/** GitHub Actions' OIDC issuer; the audience `aws-actions/configure-aws-credentials` asks for. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
const AUDIENCE = 'sts.amazonaws.com';

export interface GithubOidcRolesProps {
  readonly provider: AwsProvider;
  /** Name of the read-only role plans and drift checks log in as. */
  readonly planRoleName: string;
  /** Name of the role deploys log in as. */
  readonly applyRoleName: string;
  /** OIDC subjects (`repo:<owner>/<name>:environment:<env>`) the plan role trusts, exactly. */
  readonly planSubjects: readonly string[];
  /** OIDC subjects the apply role trusts, exactly: only the deploy environments of this account's stacks. */
  readonly applySubjects: readonly string[];
  /**
   * Longest session a job can ask for: a long apply must not lose its credentials before it writes state.
   * @default 3 hours (the deploy jobs' timeout)
   */
  readonly maxSessionHours?: number;
  /**
   * Create the account's GitHub OIDC provider; false when the account already has one (pass its ARN).
   * @default - created
   */
  readonly existingProviderArn?: string;
}

/**
 * The two roles the pipelines log in as in one AWS account, trusted only through GitHub's OIDC issuer for the
 * exact subjects given (environments, never `pull_request` or a branch wildcard): the plan role reads (AWS's
 * ReadOnlyAccess, with secret values, SSM parameters and KMS decryption explicitly denied) and the apply role
 * administers. A workflow edited in a pull request cannot assume either without running in one of those
 * environments, whose reviewers and deployment-branch rules GitHub enforces.
 */
export class GithubOidcRoles extends Construct {
  public readonly planRole: IamRole;
  public readonly applyRole: IamRole;

  constructor(scope: Construct, id: string, props: GithubOidcRolesProps) {
    super(scope, id);
    if (props.planSubjects.length === 0 || props.applySubjects.length === 0) throw new Error(`${this.node.path}: planSubjects and applySubjects must not be empty`);
    for (const s of [...props.planSubjects, ...props.applySubjects]) {
      if (!/^repo:[\w.-]+\/[\w.-]+:environment:[\w.-]+$/.test(s)) throw new Error(`${this.node.path}: OIDC subject "${s}" is not repo:<owner>/<name>:environment:<env>`);
    }
    const providerArn =
      props.existingProviderArn ??
      new IamOpenidConnectProvider(this, 'GithubOidc', { provider: props.provider, url: `https://${GITHUB_OIDC_ISSUER}`, clientIdList: [AUDIENCE] }).arn;
    const trust = (subjects: readonly string[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GITHUB_OIDC_ISSUER}:aud`]: AUDIENCE, [`${GITHUB_OIDC_ISSUER}:sub`]: [...subjects] } },
          },
        ],
      });
    const maxSessionDuration = (props.maxSessionHours ?? 3) * 3600;
    this.planRole = new IamRole(this, 'PlanRole', { provider: props.provider, name: props.planRoleName, assumeRolePolicy: trust(props.planSubjects), maxSessionDuration });
    new IamRolePolicyAttachment(this, 'PlanReadOnly', { provider: props.provider, role: this.planRole.name, policyArn: managedPolicyArn('ReadOnlyAccess') });
    // ReadOnlyAccess lets a reader fetch some values that are secrets in all but name; a plan never needs them.
    new IamRolePolicy(this, 'PlanDenySecrets', {
      provider: props.provider,
      role: this.planRole.name,
      name: 'deny-secret-values',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'kms:Decrypt'], Resource: '*' }],
      }),
    });
    this.applyRole = new IamRole(this, 'ApplyRole', { provider: props.provider, name: props.applyRoleName, assumeRolePolicy: trust(props.applySubjects), maxSessionDuration });
    new IamRolePolicyAttachment(this, 'ApplyAdministrator', { provider: props.provider, role: this.applyRole.name, policyArn: managedPolicyArn('AdministratorAccess') });
  }
}
