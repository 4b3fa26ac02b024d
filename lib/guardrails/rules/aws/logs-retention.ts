import { Rule, verdict } from '../../rule';

/** CloudWatch log group without a retention period. */
export const logsRetention: Rule = {
  id: 'AWS-LOGS-001',
  level: 'error',
  appliesTo: ['aws_cloudwatch_log_group'],
  message: "CloudWatch log group without a retention period",
  why: "Logs kept forever cost money and keep personal data longer than anyone decided.",
  link: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
  check: (r) => verdict(typeof r.config.retention_in_days === 'number' && r.config.retention_in_days > 0),
};
