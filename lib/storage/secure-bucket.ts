import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { suppressGuardrails } from '../guardrails/suppress';

export interface SecureBucketProps {
  readonly bucketName: string;
  /** @default - the scope's default AWS provider */
  readonly provider?: TerraformProvider;
  /** Refuse `terraform destroy`. @default true */
  readonly preventDestroy?: boolean;
  /**
   * Attach the policy that denies requests without TLS. Only an emulator sandbox turns it off: moto has no
   * `aws:SecureTransport` context value, so it treats any conditional Deny as a Deny of everything.
   * @default true
   */
  readonly tlsOnlyPolicy?: boolean;
}

/**
 * Adds a versioned, KMS-encrypted, public-access-blocked, owner-enforced, TLS-only S3 bucket to `scope`. A
 * function rather than a construct so that the resources keep the construct ids (and so the Terraform
 * addresses) they had before it was shared.
 */
export function addSecureBucket(scope: Construct, props: SecureBucketProps): S3Bucket {
  const { provider } = props;
  const bucket = new S3Bucket(scope, 'Bucket', { provider, bucket: props.bucketName, lifecycle: { preventDestroy: props.preventDestroy ?? true } });
  new S3BucketVersioningA(scope, 'Versioning', { provider, bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
    provider,
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
  });
  const publicAccess = new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
    provider,
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, 'Ownership', { provider, bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  if (props.tlsOnlyPolicy ?? true) {
    new S3BucketPolicy(scope, 'TlsOnly', {
      provider,
      bucket: bucket.id,
      policy: tlsOnlyPolicy(bucket.arn),
      // A policy put while the public access block is being created can be rejected as "public".
      dependsOn: [publicAccess],
    });
  } else {
    suppressGuardrails(bucket, [
      {
        rule: 'AWS-S3-004',
        reason: 'Emulator sandbox only: moto has no aws:SecureTransport context, so a TLS-only Deny would lock everyone out; sandbox endpoints are loopback-only.',
      },
    ]);
  }
  return bucket;
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
