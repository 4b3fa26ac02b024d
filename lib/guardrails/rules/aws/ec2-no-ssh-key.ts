import { Rule, verdict } from '../../rule';

/** Launch template with an SSH key pair. */
export const ec2NoSshKey: Rule = {
  id: 'AWS-EC2-004',
  level: 'error',
  appliesTo: ['aws_launch_template'],
  message: "Launch template with an SSH key pair",
  why: "A shared private key outlives the people who had it and leaves no audit trail; Session Manager is IAM-authorized and logged.",
  link: "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html",
  check: (r) => verdict(r.config.key_name === undefined || r.config.key_name === null || r.config.key_name === ''),
};
