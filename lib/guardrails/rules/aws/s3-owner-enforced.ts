import { block, Rule, verdict } from '../../rule';

/** S3 bucket where ACLs still apply (object ownership not BucketOwnerEnforced). */
export const s3OwnerEnforced: Rule = {
  id: 'AWS-S3-005',
  level: 'warning',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket where ACLs still apply (object ownership not BucketOwnerEnforced)",
  why: "With ACLs disabled, access is decided by policies alone, which is what the rest of this pack checks.",
  link: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
  check: (r, view) => verdict(view.referencing('aws_s3_bucket_ownership_controls', r).some((o) => block(o.config.rule)?.object_ownership === 'BucketOwnerEnforced')),
};
