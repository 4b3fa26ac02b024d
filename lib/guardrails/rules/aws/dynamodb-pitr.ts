import { block, Rule, verdict } from '../../rule';

/** DynamoDB table without point-in-time recovery. */
export const dynamodbPitr: Rule = {
  id: 'AWS-DDB-002',
  level: 'error',
  appliesTo: ['aws_dynamodb_table'],
  message: "DynamoDB table without point-in-time recovery",
  why: "Point-in-time recovery restores a table to any second of the last 35 days.",
  link: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
  check: (r) => verdict(block(r.config.point_in_time_recovery)?.enabled === true),
};
