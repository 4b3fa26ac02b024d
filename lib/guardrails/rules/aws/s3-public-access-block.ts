import { Rule, verdict } from '../../rule';

/** S3 bucket without a public access block that blocks all four kinds of public access. */
export const s3PublicAccessBlock: Rule = {
  id: 'AWS-S3-001',
  level: 'error',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket without a public access block that blocks all four kinds of public access",
  why: "A bucket without a full public access block can be made public by one ACL or policy change.",
  link: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
  check: (r, view) => verdict(view.referencing('aws_s3_bucket_public_access_block', r).some((b) => ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((k) => b.config[k] === true))),
};
