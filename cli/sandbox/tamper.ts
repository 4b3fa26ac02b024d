import { AwsApi, awsSdk, AwsRequest } from '../aws/aws-api';
import { PulledInstance, pulledInstances } from '../terraform-state';

/** A change made behind Terraform's back. */
export type TamperAction =
  | { kind: 'tag'; id: string; tags: Record<string, string> }
  | { kind: 'authorize-ingress'; groupId: string; port: number; cidr: string }
  | { kind: 'delete-route'; routeTableId: string; cidr: string }
  | { kind: 'resize-nodegroup'; cluster: string; nodegroup: string; scaling: { minSize: number; desiredSize: number; maxSize: number } }
  | { kind: 'put-object'; account: string; region?: string; bucket: string; key: string; body: string }
  | { kind: 'create-state-store'; account: string; region: string; bucket: string; lockTable?: string }
  | { kind: 'create-image'; account: string; region: string; name: string };

/** Loopback only: these actions change things, and only an emulator on this machine may be changed this way. */
const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?(\/|$)/;

interface AssumedRole {
  readonly Credentials: { readonly AccessKeyId: string; readonly SecretAccessKey: string; readonly SessionToken: string };
}

/** One of moto's stock images: what an image pipeline's instance starts from. */
const STOCK_IMAGE = 'ami-1e749f67';

/**
 * Applies the actions, in order, to the emulator at `endpoint` through the AWS SDK (aws-api.ts), in this process.
 * Actions that name an account run in it, entered through a role as CI enters it: the emulator keeps buckets, tables
 * and images per account, by the account of the assumed role. Fails on the first action that fails, naming it.
 */
export async function tamper(endpoint: string, actions: readonly TamperAction[]): Promise<void> {
  if (!LOOPBACK.test(endpoint)) throw new Error(`tamper: refusing non-loopback endpoint ${endpoint}`);
  // The emulator accepts any keys; these are placeholders, not secrets.
  const api = awsSdk({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  const inAccount = new Map<string, Promise<AwsApi>>();
  const accountApi = (account: string) => {
    let made = inAccount.get(account);
    if (!made) {
      const role = { RoleArn: `arn:aws:iam::${account}:role/kore-emulator-setup`, RoleSessionName: 'kore-emulator' };
      made = must<AssumedRole>(api, { service: 'sts', operation: 'AssumeRole', input: role }, 'us-east-1', endpoint).then(
        (r) =>
          awsSdk({ AWS_ACCESS_KEY_ID: r.Credentials.AccessKeyId, AWS_SECRET_ACCESS_KEY: r.Credentials.SecretAccessKey, AWS_SESSION_TOKEN: r.Credentials.SessionToken }),
      );
      inAccount.set(account, made);
    }
    return made;
  };
  for (const action of actions) {
    try {
      await apply(action, api, accountApi, endpoint);
    } catch (e) {
      throw new Error(`tamper ${action.kind}: ${(e as Error).message}`);
    }
  }
}

async function apply(action: TamperAction, api: AwsApi, accountApi: (account: string) => Promise<AwsApi>, endpoint: string): Promise<void> {
  const call = <T = unknown>(a: AwsApi, service: AwsRequest['service'], operation: string, input: Record<string, unknown>, region = 'us-east-1') =>
    must<T>(a, { service, operation, input }, region, endpoint);
  switch (action.kind) {
    case 'tag':
      await call(api, 'ec2', 'CreateTags', { Resources: [action.id], Tags: Object.entries(action.tags).map(([Key, Value]) => ({ Key, Value })) });
      return;
    case 'authorize-ingress':
      await call(api, 'ec2', 'AuthorizeSecurityGroupIngress', {
        GroupId: action.groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: action.port, ToPort: action.port, IpRanges: [{ CidrIp: action.cidr }] }],
      });
      return;
    case 'delete-route':
      await call(api, 'ec2', 'DeleteRoute', { RouteTableId: action.routeTableId, DestinationCidrBlock: action.cidr });
      return;
    case 'resize-nodegroup':
      await call(api, 'eks', 'UpdateNodegroupConfig', { clusterName: action.cluster, nodegroupName: action.nodegroup, scalingConfig: action.scaling });
      return;
    case 'put-object': {
      // Into the bucket's own account (the emulator keeps buckets per account), entered through a role as CI does.
      await call(await accountApi(action.account), 's3', 'PutObject', { Bucket: action.bucket, Key: action.key, Body: action.body }, action.region);
      return;
    }
    case 'create-state-store': {
      const a = await accountApi(action.account);
      const location = action.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: action.region } };
      await call(a, 's3', 'CreateBucket', { Bucket: action.bucket, ...location }, action.region);
      if (action.lockTable) {
        await call(a, 'dynamodb', 'CreateTable', {
          TableName: action.lockTable,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        }, action.region);
      }
      return;
    }
    case 'create-image': {
      // An AMI of this account, as an image pipeline would leave it: made from an instance of a stock image.
      const a = await accountApi(action.account);
      const ec2 = <T = unknown>(operation: string, input: Record<string, unknown>) => call<T>(a, 'ec2', operation, input, action.region);
      const stock = (await ec2<{ Images: { ImageId: string }[] }>('DescribeImages', { ImageIds: [STOCK_IMAGE] })).Images[0].ImageId;
      const run = await ec2<{ Instances: { InstanceId: string }[] }>('RunInstances', { ImageId: stock, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
      const instance = run.Instances[0].InstanceId;
      await ec2('CreateImage', { InstanceId: instance, Name: action.name });
      await ec2('TerminateInstances', { InstanceIds: [instance] });
      return;
    }
  }
}

/** The call's response; "not found" is an error here, since every action acts on something that must exist. */
async function must<T = unknown>(api: AwsApi, request: AwsRequest, region: string, endpoint: string): Promise<T> {
  const r = await api.call<T>(request, { region, endpoint });
  if (r === undefined) throw new Error(`aws ${request.service} ${request.operation}: not found`);
  return r;
}

/** One managed resource instance from `terraform state pull` output. */
export type StateResource = PulledInstance;

/** Managed resource instances of a pulled state, for finding the ids to tamper with. */
export function stateResources(stateJson: string): StateResource[] {
  return pulledInstances(stateJson).filter((r) => r.mode === 'managed');
}

/** A state attribute of the expected type, or an error naming the resource and the attribute. */
function attr<T extends 'string' | 'number'>(r: StateResource, path: string, type: T): T extends 'string' ? string : number {
  let v: unknown = r.attributes;
  for (const key of path.split('.')) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[key];
  if (typeof v !== type) throw new Error(`${r.type}.${r.name}: state attribute ${path} is not a ${type}`);
  return v as T extends 'string' ? string : number;
}

/** The sandbox changes the drift demo and tests make: VPC tags, an SG rule, a deleted route, a resized node group. */
export function standardTampering(resources: readonly StateResource[]): { actions: TamperAction[]; expected: Record<string, string[]> } {
  const one = (type: string, pred: (r: StateResource) => boolean = () => true) => {
    const found = resources.find((r) => r.type === type && pred(r));
    if (!found) throw new Error(`no ${type} in state to tamper with`);
    return found;
  };
  const vpc = one('aws_vpc');
  const sg = one('aws_default_security_group');
  const route = one('aws_route', (r) => Boolean(r.attributes.nat_gateway_id));
  const nodeGroup = one('aws_eks_node_group');
  const address = (r: StateResource) => `${r.type}.${r.name}`;
  return {
    actions: [
      { kind: 'tag', id: attr(vpc, 'id', 'string'), tags: { Name: `${attr(vpc, 'tags.Name', 'string')}-renamed`, 'added-by-hand': 'yes' } },
      { kind: 'authorize-ingress', groupId: attr(sg, 'id', 'string'), port: 22, cidr: '198.51.100.0/24' },
      { kind: 'delete-route', routeTableId: attr(route, 'route_table_id', 'string'), cidr: attr(route, 'destination_cidr_block', 'string') },
      {
        kind: 'resize-nodegroup',
        cluster: attr(nodeGroup, 'cluster_name', 'string'),
        nodegroup: attr(nodeGroup, 'node_group_name', 'string'),
        // The bounds raised by hand: drift. (The size between them is the autoscaler's, and never drift.)
        scaling: {
          minSize: attr(nodeGroup, 'scaling_config.0.min_size', 'number'),
          desiredSize: attr(nodeGroup, 'scaling_config.0.desired_size', 'number'),
          maxSize: attr(nodeGroup, 'scaling_config.0.max_size', 'number') + 1,
        },
      },
    ],
    expected: {
      // One tag is one change: tags_all (the provider's merge with default tags) is reported as tags.
      [address(vpc)]: ['tags.Name', 'tags.added-by-hand'],
      [address(sg)]: ['ingress'],
      [address(route)]: [],
      [address(nodeGroup)]: ['scaling_config[0].max_size'],
    },
  };
}
