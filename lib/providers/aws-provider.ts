import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

/** Where a stack's AWS API calls go when it is a sandbox: a local emulator. */
export interface AwsSandboxEndpoint {
  /** Base URL of the emulator, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
}

export interface RegionalAwsProviderProps {
  /** AWS region. */
  readonly region: string;
  /** The only account this provider may touch: applying a dev plan with prod credentials fails before any change. */
  readonly accountId: string;
  /** Tags added to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Provider alias, for stacks that talk to several accounts or regions.
   * @default - the default provider
   */
  readonly alias?: string;
  /**
   * Role to assume in the target account.
   * @default - the ambient credentials (OIDC federation in CI)
   */
  readonly assumeRoleArn?: string;
  /**
   * Send every call to a local emulator instead of AWS. Test and sandbox stacks only.
   * @default - real AWS endpoints
   */
  readonly sandbox?: AwsSandboxEndpoint;
}

/**
 * The endpoint keys the sandbox redirects: every service the constructs in this library call. A service missing
 * here would silently go to real AWS from a sandbox stack, so keep it in step with the constructs.
 */
export const SANDBOX_SERVICES = [
  'acm', 'autoscaling', 'cloudwatch', 'cloudwatchlogs', 'dynamodb', 'ec2', 'eks', 'elbv2', 'iam', 'kms', 'rds',
  'route53', 's3', 'secretsmanager', 'ssm', 'sts',
] as const;

/** An AWS provider pinned to one account and region, with default tags; optionally pointed at an emulator. */
export function regionalAwsProvider(scope: Construct, id: string, props: RegionalAwsProviderProps): AwsProvider {
  const sandbox = props.sandbox;
  return new AwsProvider(scope, id, {
    region: props.region,
    alias: props.alias,
    defaultTags: [{ tags: { ...props.tags } }],
    ...(sandbox
      ? {
          endpoints: [Object.fromEntries(SANDBOX_SERVICES.map((s) => [s, sandbox.url]))],
          s3UsePathStyle: true,
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: 'true',
          // The emulator's certificate is self-signed; endpoints are loopback-only (enforced by the schema).
          insecure: true,
        }
      : {
          allowedAccountIds: [props.accountId],
          assumeRole: props.assumeRoleArn ? [{ roleArn: props.assumeRoleArn, sessionName: 'kore-cdktf' }] : undefined,
        }),
  });
}
