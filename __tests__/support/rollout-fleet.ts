import { writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sandboxFleetCatalogue } from '../../cli/sandbox/sandbox-fleet';
import type { Sandbox } from './integration';

/**
 * The canary's health endpoint the rollout's gate asks: 200 while `healthy`, 503 otherwise; `failNext` answers 503
 * that many more times first (a canary that degrades on its new configuration).
 */
export class CanaryHealth {
  public healthy = false;
  public failNext = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      const ok = this.failNext > 0 ? (this.failNext--, false) : this.healthy;
      res.writeHead(ok ? 200 : 503);
      res.end(ok ? 'OK' : 'degraded');
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ping`;
  }

  stop(): void {
    this.server?.close();
  }
}

export type FleetChanges = Parameters<typeof sandboxFleetCatalogue>[0]['changes'];

/** The sandbox fleet with `changes` (and without the entry `drop`), written as `<name>.json` and synthesized into `<name>`. */
export function writeFleet(sandbox: Sandbox, canaryCheckUrl: string, name: string, changes?: FleetChanges, drop?: string) {
  const c = sandboxFleetCatalogue({ endpoint: sandbox.moto.url, canaryCheckUrl, changes });
  if (drop) c.regions = c.regions.filter((r) => r.id !== drop);
  const file = join(sandbox.dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(c));
  return { catalogue: c, file, out: join(sandbox.dir, name), stacks: sandbox.synth(c, name) };
}

/** How many resources a stack's state holds. */
export async function managedCount(sandbox: Sandbox, stackDir: string): Promise<number> {
  await sandbox.initOnce(stackDir);
  const r = await sandbox.tf(stackDir, ['state', 'list']);
  return r.stdout.split('\n').filter(Boolean).length;
}

/** The staging entry's change the rollout suites deploy: a new flow-log retention. */
export const STAGING_CHANGE = { network: { cidr: '10.92.0.0/16', zoneCount: 2, natGateways: 'single' as const, flowLogRetentionDays: 60 } };
