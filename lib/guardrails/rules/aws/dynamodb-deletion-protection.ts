import { Rule, verdict } from '../../rule';

/** DynamoDB table without deletion protection. */
export const dynamodbDeletionProtection: Rule = {
  id: 'AWS-DDB-001',
  level: 'error',
  appliesTo: ['aws_dynamodb_table'],
  message: "DynamoDB table without deletion protection",
  why: "The state lock table is what keeps two applies apart; deleting it by mistake silently removes locking.",
  link: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
  check: (r) => verdict(r.config.deletion_protection_enabled === true),
};
