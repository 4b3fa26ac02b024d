import { Rule, verdict } from '../../rule';

/** CloudWatch log group not encrypted with a KMS key. */
export const logsKms: Rule = {
  id: 'AWS-LOGS-002',
  level: 'error',
  appliesTo: ['aws_cloudwatch_log_group'],
  message: "CloudWatch log group not encrypted with a KMS key",
  why: "Control-plane and flow logs name users, IPs and API calls; a customer key puts reading them behind a key policy.",
  link: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  check: (r) => verdict(typeof r.config.kms_key_id === 'string' && r.config.kms_key_id.length > 0),
};
