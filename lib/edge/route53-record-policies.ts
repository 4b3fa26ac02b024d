/*
 * Route53 permissions of the in-cluster DNS writers, each limited to one hosted zone and to the record types (and
 * for ACME, the record names) it has to write. `route53:ListHostedZones*` cannot be scoped; it only reads.
 */

/** ARN of a Route53 hosted zone. */
export function hostedZoneArn(zoneId: string): string {
  return `arn:aws:route53:::hostedzone/${zoneId}`;
}

/**
 * cert-manager's DNS-01 solver: TXT records named `_acme-challenge.…` in one zone (or exactly the names given).
 */
export function acmeChallengePolicy(zoneArn: string, recordNames?: readonly string[]): Record<string, unknown> {
  const types = { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] };
  const condition = recordNames
    ? { 'ForAllValues:StringEquals': { ...types, 'route53:ChangeResourceRecordSetsNormalizedRecordNames': [...recordNames] } }
    : { 'ForAllValues:StringEquals': types, 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.*'] } };
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ChangeStatus', Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' },
      { Sid: 'FindZone', Effect: 'Allow', Action: 'route53:ListHostedZonesByName', Resource: '*' },
      { Sid: 'ReadZone', Effect: 'Allow', Action: 'route53:ListResourceRecordSets', Resource: zoneArn },
      { Sid: 'WriteChallenges', Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: zoneArn, Condition: condition },
    ],
  };
}

/** external-dns: address, alias and ownership (TXT) records in one zone. */
export function externalDnsPolicy(zoneArn: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'FindZones', Effect: 'Allow', Action: ['route53:ListHostedZones', 'route53:ListTagsForResources'], Resource: '*' },
      { Sid: 'ReadZone', Effect: 'Allow', Action: ['route53:ListResourceRecordSets', 'route53:ListTagsForResource'], Resource: zoneArn },
      {
        Sid: 'WriteRecords',
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: zoneArn,
        Condition: { 'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA', 'CNAME', 'TXT'] } },
      },
    ],
  };
}
