import { block, Rule, verdict } from '../../rule';

/** S3 bucket without versioning. */
export const s3Versioning: Rule = {
  id: 'AWS-S3-003',
  level: 'error',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket without versioning",
  why: "Versioning is what recovers a state file or an artifact overwritten or deleted by mistake.",
  link: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
  check: (r, view) => verdict(view.referencing('aws_s3_bucket_versioning', r).some((v) => block(v.config.versioning_configuration)?.status === 'Enabled')),
};
