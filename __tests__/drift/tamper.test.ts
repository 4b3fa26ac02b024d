import { standardTampering, stateResources, tamper } from '../../cli/sandbox/tamper';
import { AwsStandIn, awsError } from '../support/aws-stand-in';

/** A pulled state with the four resources the standard tampering needs (attribute shapes as the AWS provider writes them). */
function pulledState(overrides: { nodeGroup?: Record<string, unknown> } = {}): string {
  const res = (type: string, name: string, attributes: Record<string, unknown>, mode = 'managed') => ({ mode, type, name, instances: [{ attributes }] });
  return JSON.stringify({
    version: 4,
    resources: [
      res('aws_vpc', 'Vpc', { id: 'vpc-1', tags: { Name: 'kore-dev' } }),
      res('aws_vpc', 'Lookup', { id: 'vpc-x' }, 'data'),
      res('aws_default_security_group', 'Default', { id: 'sg-1' }),
      res('aws_route', 'NoNat', { route_table_id: 'rtb-0', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }),
      res('aws_route', 'Nat', { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-1' }),
      res('aws_eks_node_group', 'System', { cluster_name: 'kore-dev', node_group_name: 'system', scaling_config: [{ min_size: 2, desired_size: 2, max_size: 5 }], ...overrides.nodeGroup }),
    ],
  });
}

describe('sandbox tampering (what the drift demo and suite change behind Terraform)', () => {
  it('reads managed instances only, and builds the four changes from state attributes', () => {
    const resources = stateResources(pulledState());
    expect(resources.map((r) => `${r.type}.${r.name}`)).not.toContain('aws_vpc.Lookup');
    const { actions, expected } = standardTampering(resources);
    expect(actions).toEqual([
      { kind: 'tag', id: 'vpc-1', tags: { Name: 'kore-dev-renamed', 'added-by-hand': 'yes' } },
      { kind: 'authorize-ingress', groupId: 'sg-1', port: 22, cidr: '198.51.100.0/24' },
      { kind: 'delete-route', routeTableId: 'rtb-1', cidr: '0.0.0.0/0' },
      { kind: 'resize-nodegroup', cluster: 'kore-dev', nodegroup: 'system', scaling: { minSize: 2, desiredSize: 2, maxSize: 6 } },
    ]);
    expect(Object.keys(expected)).toEqual(['aws_vpc.Vpc', 'aws_default_security_group.Default', 'aws_route.Nat', 'aws_eks_node_group.System']);
  });

  it('names the resource and attribute when the state lacks one', () => {
    const resources = stateResources(pulledState({ nodeGroup: { scaling_config: [] } }));
    expect(() => standardTampering(resources)).toThrow('aws_eks_node_group.System: state attribute scaling_config.0.min_size is not a number');
  });
});

/*
 * The changes themselves go through the AWS SDK in this process, against a loopback stand-in for STS, S3 and EC2
 * here (the emulator suites make every kind of change on moto): an account's change signed with the session of the
 * role assumed in it, every failure one line naming the change and the call.
 */
describe('sandbox tampering through the AWS API', () => {
  const aws = new AwsStandIn((r) => {
    if (r.method === 'PUT') return { headers: { ETag: '"e"' } };
    if (r.action === 'AssumeRole') {
      const account = /arn:aws:iam::(\d+):role/.exec(r.body)?.[1];
      return { body: `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>KEY${account}</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>` };
    }
    if (r.action === 'CreateTags') return { body: '<CreateTagsResponse><return>true</return></CreateTagsResponse>' };
    if (r.action === 'DeleteRoute') return awsError(400, 'InvalidRoute.NotFound', 'no route with destination-cidr-block 0.0.0.0/0 in route table rtb-1');
    return awsError(400, 'InvalidPermission.Duplicate', 'the specified rule already exists');
  });
  const seen = aws.seen;
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await aws.start();
  });
  afterAll(() => aws.stop());
  beforeEach(() => (seen.length = 0));

  it('makes an account’s change with the session of the role it assumed there, and the rest with the emulator’s keys', async () => {
    await tamper(endpoint, [
      { kind: 'put-object', account: '210987654321', bucket: 'state', key: 'global/stand-in.tfstate', body: '{"version":4}' },
      { kind: 'tag', id: 'vpc-1', tags: { Name: 'renamed' } },
      { kind: 'put-object', account: '210987654321', bucket: 'state', key: 'second', body: 'x' },
    ]);
    expect(seen.map((s) => [s.method, s.key, s.method === 'PUT' ? s.url.split('?')[0] : s.action])).toEqual([
      ['POST', 'test', 'AssumeRole'],
      ['PUT', 'KEY210987654321', '/state/global/stand-in.tfstate'],
      ['POST', 'test', 'CreateTags'],
      // One role session per account, kept for the account's later changes.
      ['PUT', 'KEY210987654321', '/state/second'],
    ]);
    expect(seen[0].body).toContain('RoleArn=arn:aws:iam::210987654321:role/kore-emulator-setup');
    expect(seen[1].body).toContain('{"version":4}');
    expect(seen[2].body).toContain('Tag.1.Key=Name&Tag.1.Value=renamed');
  });

  it('fails on the first change that fails, in one line naming it and the call; what does not exist is a failure here', async () => {
    await expect(tamper(endpoint, [{ kind: 'delete-route', routeTableId: 'rtb-1', cidr: '0.0.0.0/0' }, { kind: 'tag', id: 'vpc-1', tags: { a: 'b' } }])).rejects.toThrow(
      /^tamper delete-route: aws ec2 DeleteRoute: not found$/,
    );
    expect(seen).toHaveLength(1);
    await expect(tamper(endpoint, [{ kind: 'authorize-ingress', groupId: 'sg-1', port: 22, cidr: '198.51.100.0/24' }])).rejects.toThrow(
      /^tamper authorize-ingress: aws ec2 AuthorizeSecurityGroupIngress: the specified rule already exists$/,
    );
  });

  it('changes nothing anywhere but on this machine', async () => {
    await expect(tamper('https://ec2.us-east-1.amazonaws.com', [{ kind: 'tag', id: 'vpc-1', tags: {} }])).rejects.toThrow(/^tamper: refusing non-loopback endpoint https:\/\/ec2\.us-east-1\.amazonaws\.com$/);
    await expect(tamper('http://127.0.0.1.example.com', [])).rejects.toThrow(/refusing non-loopback/);
    expect(seen).toEqual([]);
  });
});
