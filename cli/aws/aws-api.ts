import { Agent } from 'node:https';

/** Where AWS API calls go: a region, and for sandbox entries the emulator's endpoint. */
export interface AwsTarget {
  readonly region: string;
  /** @default - AWS itself */
  readonly endpoint?: string;
}

/** The AWS services the fleet's tools read (and the tests write): the SDK package of each, loaded on first use. */
const SERVICES = {
  ec2: { load: () => import('@aws-sdk/client-ec2'), client: 'EC2Client' },
  s3: { load: () => import('@aws-sdk/client-s3'), client: 'S3Client' },
  iam: { load: () => import('@aws-sdk/client-iam'), client: 'IAMClient' },
  route53: { load: () => import('@aws-sdk/client-route-53'), client: 'Route53Client' },
  autoscaling: { load: () => import('@aws-sdk/client-auto-scaling'), client: 'AutoScalingClient' },
  eks: { load: () => import('@aws-sdk/client-eks'), client: 'EKSClient' },
  logs: { load: () => import('@aws-sdk/client-cloudwatch-logs'), client: 'CloudWatchLogsClient' },
  rds: { load: () => import('@aws-sdk/client-rds'), client: 'RDSClient' },
  kms: { load: () => import('@aws-sdk/client-kms'), client: 'KMSClient' },
  // The sandbox's own writes (tamper.ts): entering an account through a role, a state store's lock table.
  sts: { load: () => import('@aws-sdk/client-sts'), client: 'STSClient' },
  dynamodb: { load: () => import('@aws-sdk/client-dynamodb'), client: 'DynamoDBClient' },
} as const;

export type AwsService = keyof typeof SERVICES;

/** One AWS API operation, named as the API reference names it. */
export interface AwsRequest {
  readonly service: AwsService;
  /** `DescribeVpcs`, `GetRole`: the operation's name in the API reference (and its SDK command without `Command`). */
  readonly operation: string;
  /** The operation's request parameters, as the API reference names them. @default {} */
  readonly input?: Readonly<Record<string, unknown>>;
}

/** Calls the AWS APIs the inventory, the adopt command and the health gate read; tests pass a fake. */
export interface AwsApi {
  /**
   * The operation's response (every page of a paginated list, its lists joined) as the shape the caller names (see
   * aws-types.ts); `undefined` when AWS says the thing does not exist.
   */
  call<T>(request: AwsRequest, target: AwsTarget): Promise<T | undefined>;
}

const NOT_FOUND = /NoSuchEntity|NoSuchBucket|NotFound|ResourceNotFoundException|does not exist/;

// package.json asks for node 22 or later; on an older node the SDK writes a notice about its own future support on
// every command's stderr, in the middle of the command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** What this module uses of an SDK client package: its client, commands and paginators, by name. */
type SdkModule = Readonly<Record<string, unknown>>;
type Response = Record<string, unknown>;
interface SdkClient {
  send(command: object): Promise<Response>;
}
type Constructor<T> = new (arg: Readonly<Record<string, unknown>>) => T;
type Paginator = (config: { client: SdkClient }, input: Readonly<Record<string, unknown>>) => AsyncIterable<Response>;

/**
 * The AWS SDK, in this process: a call is a request, not a process (the aws CLI spent about 0.7 CPU-seconds starting
 * for each one, and the inventory makes a dozen per account and region). Credentials: the keys in `env` when it has
 * them (`accountEnvironment`, the sandbox), else the SDK's default chain (the job's environment, its web identity,
 * a profile), as the aws CLI resolved them.
 */
export function awsSdk(env: NodeJS.ProcessEnv = {}): AwsApi {
  const clients = new Map<string, Promise<{ sdk: SdkModule; client: SdkClient }>>();
  const clientFor = (service: AwsService, target: AwsTarget) => {
    const key = `${service} ${target.region} ${target.endpoint ?? ''}`;
    let made = clients.get(key);
    if (!made) {
      const config = awsClientConfig(target, env, { pathStyle: service === 's3' });
      made = SERVICES[service].load().then((sdk: SdkModule) => ({ sdk, client: new (sdk[SERVICES[service].client] as Constructor<SdkClient>)(config) }));
      clients.set(key, made);
    }
    return made;
  };
  return {
    async call<T>(request: AwsRequest, target: AwsTarget): Promise<T | undefined> {
      const what = `aws ${request.service} ${request.operation}`;
      try {
        const { sdk, client } = await clientFor(request.service, target);
        const Command = sdk[`${request.operation}Command`] as Constructor<object> | undefined;
        if (typeof Command !== 'function') throw new Error(`${request.service} has no operation ${request.operation}`);
        const paginate = sdk[`paginate${request.operation}`] as Paginator | undefined;
        const input = request.input ?? {};
        if (typeof paginate !== 'function') return withoutMetadata(await client.send(new Command(input))) as T;
        const pages: Response[] = [];
        for await (const page of paginate({ client }, input)) pages.push(page);
        return joinPages(pages) as T;
      } catch (e) {
        const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        if (err.$metadata?.httpStatusCode === 404 || NOT_FOUND.test(`${err.name ?? ''}: ${err.message ?? ''}`)) return undefined;
        throw new Error(`${what}: ${oneLine(err.message || err.name || String(e))}`);
      }
    },
  };
}

/**
 * An SDK client's configuration for `target`: its region, the keys in `env` if it has them, and for an emulator its
 * endpoint. `pathStyle` for S3 clients.
 */
export function awsClientConfig(target: AwsTarget, env: NodeJS.ProcessEnv, options: { readonly pathStyle?: boolean } = {}): Record<string, unknown> {
  const credentials = env.AWS_ACCESS_KEY_ID
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN || undefined }
    : undefined;
  return {
    region: target.region,
    ...(credentials ? { credentials } : {}),
    ...(target.endpoint
      ? {
          endpoint: target.endpoint,
          // A sandbox endpoint is a loopback emulator with a self-signed certificate (validated as loopback in the catalogue).
          requestHandler: { httpsAgent: new Agent({ rejectUnauthorized: false }) },
          // Buckets by path: an emulator at an IP address has no bucket subdomains.
          ...(options.pathStyle ? { forcePathStyle: true } : {}),
        }
      : {}),
  };
}

/**
 * The pages of a paginated list as one response, as the aws CLI gave it: each list joined, everything else from the
 * last page (which carries no token for a next one).
 */
export function joinPages(pages: readonly Response[]): Response {
  const lists: Response = {};
  for (const page of pages) {
    for (const [key, value] of Object.entries(page)) {
      if (Array.isArray(value)) lists[key] = [...((lists[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
    }
  }
  return { ...withoutMetadata(pages.at(-1) ?? {}), ...lists };
}

/** A response without the SDK's own `$metadata` (request id, attempts): what the API answered. */
function withoutMetadata(response: Response): Response {
  return Object.fromEntries(Object.entries(response).filter(([key]) => key !== '$metadata'));
}

const oneLine = (s: string) => s.trim().split('\n').filter(Boolean).pop() ?? s;
