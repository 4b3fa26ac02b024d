import { runProcess } from '../process';

/** Where AWS API calls go: a region, and for sandbox entries the emulator's endpoint. */
export interface AwsTarget {
  readonly region: string;
  /** @default - AWS itself */
  readonly endpoint?: string;
}

/** Reads the AWS APIs the inventory needs; tests pass a fake. */
export interface AwsApi {
  /**
   * `aws <args> --output json` as parsed JSON of the shape the caller names (see aws-types.ts); `undefined` when AWS
   * says the thing does not exist.
   */
  call<T>(args: readonly string[], target: AwsTarget): Promise<T | undefined>;
}

const NOT_FOUND = /NoSuchEntity|NoSuchBucket|NotFound|ResourceNotFoundException|does not exist|\(404\)/;

/** The aws CLI (on GitHub's hosted runners and here), with the caller's credentials from the environment. */
export function awsCli(env: NodeJS.ProcessEnv = {}): AwsApi {
  return {
    call<T>(args: readonly string[], target: AwsTarget): Promise<T | undefined> {
      // A sandbox endpoint is a loopback emulator with a self-signed certificate (validated as loopback in the catalogue).
      const full = [...args, '--output', 'json', '--region', target.region, ...(target.endpoint ? ['--endpoint-url', target.endpoint, '--no-verify-ssl'] : [])];
      return runProcess('aws', full, { env: { ...env, AWS_PAGER: '', ...(target.endpoint ? { PYTHONWARNINGS: 'ignore' } : {}) } }).then(
        (r) => {
          if (r.code !== 0) {
            if (NOT_FOUND.test(r.stderr)) return undefined;
            throw new Error(`aws ${args.slice(0, 2).join(' ')}: ${r.stderr.trim().split('\n').pop() || `exited ${r.code}`}`);
          }
          try {
            return (r.stdout.trim() ? JSON.parse(r.stdout) : {}) as T;
          } catch (e) {
            throw new Error(`aws ${args.slice(0, 2).join(' ')}: not JSON (${(e as Error).message})`);
          }
        },
        (e: Error) => {
          throw new Error(`aws ${args.slice(0, 2).join(' ')}: ${e.message.replace(/^aws: /, '')}`);
        },
      );
    },
  };
}
