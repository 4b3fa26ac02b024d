import { block, Rule, verdict } from '../../rule';

/** DynamoDB table without server-side encryption under a KMS key. */
export const dynamodbEncryption: Rule = {
  id: 'AWS-DDB-003',
  level: 'warning',
  appliesTo: ['aws_dynamodb_table'],
  message: "DynamoDB table without server-side encryption under a KMS key",
  why: "A KMS key puts reading the table behind a key policy and CloudTrail.",
  link: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
  check: (r) => verdict(block(r.config.server_side_encryption)?.enabled === true),
};
