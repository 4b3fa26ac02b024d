/**
 * A KMS key policy for a CloudWatch log group: the account administers the key; the Logs service may use it only
 * for the named log group (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
export function logsKeyPolicy(accountId: string, region: string, logGroupName: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      accountAdministers(accountId),
      {
        Sid: 'LogsUseForThisGroup',
        Effect: 'Allow',
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}` } },
      },
    ],
  });
}

/**
 * An explicit key policy for a key that one service role uses: the account administers the key through IAM, and
 * the named role may use it for envelope encryption (EKS secrets). Explicit, not the account default policy, so
 * that a review of the key shows who uses it.
 */
export function serviceRoleKeyPolicy(accountId: string, roleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      accountAdministers(accountId),
      {
        Sid: 'ServiceRoleUses',
        Effect: 'Allow',
        Principal: { AWS: roleArn },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:GenerateDataKey*'],
        Resource: '*',
      },
    ],
  });
}

/**
 * A key policy for a key RDS uses on the account's behalf (Performance Insights): the account administers it, and
 * principals of the account may use it only through RDS in this region.
 */
export function rdsKeyPolicy(accountId: string, region: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      accountAdministers(accountId),
      {
        Sid: 'UseThroughRds',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:ListGrants', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': `rds.${region}.amazonaws.com` } },
      },
    ],
  });
}

/** The statement every key here starts with: the account administers the key, through IAM. */
function accountAdministers(accountId: string): Record<string, unknown> {
  return { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' };
}
