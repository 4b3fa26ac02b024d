import { block, Rule, verdict } from '../../rule';

/** Launch template allowing IMDSv1. */
export const ec2Imdsv2: Rule = {
  id: 'AWS-EC2-001',
  level: 'error',
  appliesTo: ['aws_launch_template'],
  message: "Launch template allowing IMDSv1",
  why: "IMDSv1 answers any request that reaches it, which turns SSRF bugs into stolen instance credentials.",
  link: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
  check: (r) => verdict(block(r.config.metadata_options)?.http_tokens === 'required'),
};
