import { spawn } from 'node:child_process';

/** Reads Azure Resource Graph; tests pass a fake. */
export interface AzureApi {
  /** Every row `query` (KQL) returns over `subscription`, pages followed. */
  graph<T>(query: string, subscription: string): Promise<T[]>;
}

interface GraphPage<T> {
  readonly data?: T[];
  readonly $skipToken?: string;
}

/** Resource Graph's REST endpoint: plain `az rest` needs no CLI extension (the `az graph` command does). */
const GRAPH_URL = 'https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01';

/** The az CLI (logged in by azure/login in the workflows), with the caller's environment. */
export function azCli(env: NodeJS.ProcessEnv = {}): AzureApi {
  const page = <T>(body: object): Promise<GraphPage<T>> =>
    new Promise((resolve, reject) => {
      const child = spawn('az', ['rest', '--method', 'post', '--url', GRAPH_URL, '--body', JSON.stringify(body), '--output', 'json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => reject(new Error(`az rest (Resource Graph): ${e.message}`)));
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`az rest (Resource Graph): ${err.trim().split('\n').pop() || `exited ${code}`}`));
        try {
          resolve(JSON.parse(out || '{}') as GraphPage<T>);
        } catch (e) {
          reject(new Error(`az rest (Resource Graph): not JSON (${(e as Error).message})`));
        }
      });
    });
  return {
    async graph<T>(query: string, subscription: string): Promise<T[]> {
      const rows: T[] = [];
      let skipToken: string | undefined;
      do {
        const p = await page<T>({ subscriptions: [subscription], query, options: { resultFormat: 'objectArray', $top: 1000, ...(skipToken ? { $skipToken: skipToken } : {}) } });
        rows.push(...(p.data ?? []));
        skipToken = p.$skipToken;
      } while (skipToken);
      return rows;
    },
  };
}
