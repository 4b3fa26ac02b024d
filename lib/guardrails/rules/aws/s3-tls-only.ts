import { policyDocument, Rule, verdict } from '../../rule';

/** S3 bucket whose policy does not deny requests without TLS. */
export const s3TlsOnly: Rule = {
  id: 'AWS-S3-004',
  level: 'error',
  appliesTo: ['aws_s3_bucket'],
  message: "S3 bucket whose policy does not deny requests without TLS",
  why: "Without a Deny on aws:SecureTransport=false, clients may read and write over plain HTTP.",
  link: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
  check: (r, view) => verdict(view.referencing('aws_s3_bucket_policy', r).some((p) => policyDocument(p.config.policy)?.Statement.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'))),
};
