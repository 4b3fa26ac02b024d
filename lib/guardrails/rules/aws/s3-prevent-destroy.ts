import { Rule, verdict } from '../../rule';

/** S3 bucket that Terraform may destroy (no prevent_destroy). */
export const s3PreventDestroy: Rule = {
  id: 'AWS-S3-006',
  level: 'warning',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket that Terraform may destroy (no prevent_destroy)",
  why: "Buckets here hold state and artifacts; a destroy in a plan should need a deliberate code change.",
  link: "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy",
  check: (r) => verdict(r.config.lifecycle?.prevent_destroy === true),
};
