import { spawn } from 'node:child_process';

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
      return new Promise((resolve, reject) => {
        const child = spawn('aws', full, { env: { ...process.env, ...env, AWS_PAGER: '', ...(target.endpoint ? { PYTHONWARNINGS: 'ignore' } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', (e) => reject(new Error(`aws ${args.slice(0, 2).join(' ')}: ${e.message}`)));
        child.on('close', (code) => {
          if (code !== 0) {
            if (NOT_FOUND.test(err)) return resolve(undefined);
            return reject(new Error(`aws ${args.slice(0, 2).join(' ')}: ${err.trim().split('\n').pop() || `exited ${code}`}`));
          }
          try {
            resolve((out.trim() ? JSON.parse(out) : {}) as T);
          } catch (e) {
            reject(new Error(`aws ${args.slice(0, 2).join(' ')}: not JSON (${(e as Error).message})`));
          }
        });
      });
    },
  };
}
