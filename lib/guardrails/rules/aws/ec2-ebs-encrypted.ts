import { block, blocks, Rule, verdict } from '../../rule';

/** Launch template with an unencrypted EBS volume. */
export const ec2EbsEncrypted: Rule = {
  id: 'AWS-EC2-003',
  level: 'error',
  appliesTo: ['aws_launch_template'],
  message: "Launch template with an unencrypted EBS volume",
  why: "Node root volumes hold container images, logs and secrets mounted into pods.",
  link: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
  check: (r) => verdict(blocks(r.config.block_device_mappings).every((m) => String(block(m.ebs)?.encrypted) === 'true')),
};
