import { awsSdk, joinPages } from '../../cli/aws/aws-api';
import { AwsStandIn, awsError } from '../support/aws-stand-in';

/*
 * The AWS SDK behind the fleet's tools, against a loopback stand-in for EC2 and S3 (the emulator suites run it
 * against moto): every page of a list, "does not exist" as undefined, any other error as one line naming the call,
 * and the credentials it signs with.
 */
const aws = new AwsStandIn((r) => {
  if (r.method === 'HEAD') return { status: r.url.includes('gone') ? 404 : 200 };
  if (r.action === 'DescribeVpcs' && !/NextToken=/.test(r.body)) return { body: '<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-1</vpcId></item></vpcSet><nextToken>page-2</nextToken></DescribeVpcsResponse>' };
  if (r.action === 'DescribeVpcs') return { body: '<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-2</vpcId></item></vpcSet></DescribeVpcsResponse>' };
  if (r.action === 'DescribeSubnets') return awsError(400, 'InvalidSubnetID.NotFound', "The subnet ID 'subnet-x' does not exist");
  return awsError(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.\nEncoded authorization failure message: abc');
});
const seen = aws.seen;

describe('the AWS API client', () => {
  const saved = { ...process.env };
  let target: { region: string; endpoint: string };
  const keys = { AWS_ACCESS_KEY_ID: 'handed-key', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' };
  beforeAll(async () => {
    target = { region: 'eu-west-1', endpoint: await aws.start() };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'job-key', AWS_SECRET_ACCESS_KEY: 'job-secret', AWS_SESSION_TOKEN: '', AWS_PROFILE: '' });
  });
  afterAll(async () => {
    process.env = saved;
    await aws.stop();
  });

  it('reads every page of a list, joined, without the SDK’s metadata or the token of a next page', async () => {
    seen.length = 0;
    expect(await awsSdk(keys).call({ service: 'ec2', operation: 'DescribeVpcs' }, target)).toEqual({ Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }] });
    expect(seen.map((s) => /NextToken=([^&]*)/.exec(s.body)?.[1])).toEqual([undefined, 'page-2']);
  });

  it('signs with the keys it is given, else with the job’s own from the environment', async () => {
    seen.length = 0;
    await awsSdk(keys).call({ service: 'ec2', operation: 'DescribeVpcs' }, target);
    await awsSdk({}).call({ service: 'ec2', operation: 'DescribeVpcs' }, target);
    expect(seen.map((s) => s.key)).toEqual(['handed-key', 'handed-key', 'job-key', 'job-key']);
  });

  it('sends the request as the API reference names it', async () => {
    seen.length = 0;
    await awsSdk(keys).call({ service: 'ec2', operation: 'DescribeSubnets', input: { Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }] } }, target);
    expect(seen[0].body).toMatch(/^Action=DescribeSubnets&Version=[\d-]+&Filter\.1\.Name=vpc-id&Filter\.1\.Value\.1=vpc-1$/);
  });

  it('answers undefined when AWS says the thing does not exist (an error code, or 404)', async () => {
    expect(await awsSdk(keys).call({ service: 'ec2', operation: 'DescribeSubnets' }, target)).toBeUndefined();
    expect(await awsSdk(keys).call({ service: 's3', operation: 'HeadBucket', input: { Bucket: 'gone' } }, target)).toBeUndefined();
    expect(await awsSdk(keys).call({ service: 's3', operation: 'HeadBucket', input: { Bucket: 'here' } }, target)).toEqual({});
    // Buckets by path on an emulator's address, not as a subdomain of it.
    expect(seen.at(-1)).toMatchObject({ method: 'HEAD', url: expect.stringMatching(/^\/here\/?$/) });
  });

  it('fails any other error in one line naming the call, and an operation the service does not have', async () => {
    await expect(awsSdk(keys).call({ service: 'ec2', operation: 'DescribeInstances' }, target)).rejects.toThrow(/^aws ec2 DescribeInstances: Encoded authorization failure message: abc$/);
    await expect(awsSdk(keys).call({ service: 'ec2', operation: 'DescribeVpc' }, target)).rejects.toThrow(/^aws ec2 DescribeVpc: ec2 has no operation DescribeVpc$/);
  });

  it('joins the pages’ lists and keeps the rest of the last page', () => {
    expect(joinPages([{ A: [1], B: 'first', Next: 't', $metadata: {} }, { A: [2, 3], B: 'last', $metadata: {} }])).toEqual({ A: [1, 2, 3], B: 'last' });
    expect(joinPages([])).toEqual({});
  });
});
