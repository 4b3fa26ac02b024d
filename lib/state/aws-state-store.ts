import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface AwsStateStoreProps {
  /** Name of the state bucket. */
  readonly bucketName: string;
  /**
   * DynamoDB table for state locks (`LockID` hash key).
   * @default - no table: stacks rely on the S3 lock file
   */
  readonly lockTableName?: string;
  /**
   * Provider of the account and region the store lives in.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Refuse `terraform destroy` of the bucket: losing it loses every stack's state.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Attach the policy that denies requests without TLS. Only an emulator sandbox turns it off: moto has no
   * `aws:SecureTransport` context value, so it treats any conditional Deny as a Deny of everything.
   * @default true
   */
  readonly tlsOnlyPolicy?: boolean;
}

/**
 * An S3 bucket (versioned, KMS-encrypted, public access blocked, TLS-only, owner-enforced) and optional DynamoDB
 * lock table that hold the remote state of the region stacks.
 */
export class AwsStateStore extends Construct {
  public readonly bucket: S3Bucket;
  public readonly lockTable?: DynamodbTable;

  constructor(scope: Construct, id: string, props: AwsStateStoreProps) {
    super(scope, id);
    const provider = props.provider;
    const preventDestroy = props.preventDestroy ?? true;

    this.bucket = new S3Bucket(this, 'Bucket', {
      provider,
      bucket: props.bucketName,
      lifecycle: { preventDestroy },
    });
    new S3BucketVersioningA(this, 'Versioning', {
      provider,
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'Ownership', {
      provider,
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    if (props.tlsOnlyPolicy ?? true) {
      new S3BucketPolicy(this, 'TlsOnly', {
        provider,
        bucket: this.bucket.id,
        policy: tlsOnlyPolicy(this.bucket.arn),
        // A policy put while the public access block is being created can be rejected as "public".
        dependsOn: [publicAccess],
      });
    }

    if (props.lockTableName) {
      this.lockTable = new DynamodbTable(this, 'LockTable', {
        provider,
        name: props.lockTableName,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        lifecycle: { preventDestroy },
      });
    }
  }
}

/** Denies every request to the bucket that does not use TLS. */
export function tlsOnlyPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
