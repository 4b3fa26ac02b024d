import { block, blocks, Rule, verdict } from '../../rule';

/** S3 bucket without default KMS encryption. */
export const s3KmsEncryption: Rule = {
  id: 'AWS-S3-002',
  level: 'error',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket without default KMS encryption",
  why: "KMS encryption puts object reads behind a key policy and CloudTrail, beyond S3-managed keys.",
  link: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
  check: (r, view) => verdict(view.referencing('aws_s3_bucket_server_side_encryption_configuration', r).some((e) => blocks(e.config.rule).some((x) => block(x.apply_server_side_encryption_by_default)?.sse_algorithm?.startsWith('aws:kms')))),
};
