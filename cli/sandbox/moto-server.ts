import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { get as httpsGet, request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';

/** A running local AWS emulator. */
export interface MotoServer {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the emulator and waits for it to exit. */
  stop(): Promise<void>;
}

/** True when `moto_server` is on PATH. */
export function hasMoto(): boolean {
  return spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `moto_server` on a free loopback port and waits until it answers. Never binds other interfaces: the
 * emulator accepts any credentials. It speaks HTTPS (self-signed) so that TLS-only bucket policies, which the
 * emulator enforces, hold in the sandbox as they do in AWS.
 */
export async function startMoto(timeoutMs = 30_000): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port), '--ssl'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    // Serve the AWS managed policies, so that attaching one with a wrong name fails here as it would in AWS.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const url = `https://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr.trim().split('\n').pop()}`);
    try {
      if (await answers(port)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kill(child);
      throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await warmUp(port);
  return {
    url,
    port,
    async stop() {
      kill(child);
      await exited;
    },
  };
}

/** One HTTPS request to the emulator's own API, accepting its self-signed certificate. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsGet({ host: '127.0.0.1', port, path: '/moto-api/data.json', rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

/**
 * The emulator builds a service's backend on its first request (EC2 loads its images and instance types, IAM the
 * AWS managed policies: seconds on a loaded machine). An apply's first requests come several at once, and a
 * backend still being built then answered one of them late or not at all; the SDK's retry of a request already
 * carried out came back as InvalidPermission.Duplicate or EntityAlreadyExists. One request per service the fleet
 * uses first, one after another, builds them before any apply starts. Best effort: a failure here shows later.
 */
async function warmUp(port: number): Promise<void> {
  for (const [service, body] of [
    ['ec2', 'Action=DescribeVpcs&Version=2016-11-15'],
    ['iam', 'Action=ListRoles&Version=2010-05-08'],
  ] as const) {
    await new Promise<void>((resolve) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          rejectUnauthorized: false,
          timeout: 120_000,
          headers: {
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            // The emulator reads the service and region from the credential scope; it checks no signature.
            authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', () => resolve());
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  }
}

function kill(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
