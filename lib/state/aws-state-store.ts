import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { addSecureBucket } from '../storage/secure-bucket';

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
   * Attach the TLS-only bucket policy (see SecureBucketProps.tlsOnlyPolicy).
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
    const preventDestroy = props.preventDestroy ?? true;
    this.bucket = addSecureBucket(this, { bucketName: props.bucketName, provider: props.provider, preventDestroy, tlsOnlyPolicy: props.tlsOnlyPolicy });
    if (props.lockTableName) {
      this.lockTable = new DynamodbTable(this, 'LockTable', {
        provider: props.provider,
        name: props.lockTableName,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        // Deleting the lock table silently turns locking off for every stack of the account and region.
        deletionProtectionEnabled: preventDestroy,
        lifecycle: { preventDestroy },
      });
    }
  }
}
