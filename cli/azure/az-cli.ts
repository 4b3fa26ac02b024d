import { runProcess } from '../process';

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
  const page = async <T>(body: object): Promise<GraphPage<T>> => {
    const what = 'az rest (Resource Graph)';
    const r = await runProcess('az', ['rest', '--method', 'post', '--url', GRAPH_URL, '--body', JSON.stringify(body), '--output', 'json'], { env }).catch((e: Error) => {
      throw new Error(`${what}: ${e.message.replace(/^az: /, '')}`);
    });
    if (r.code !== 0) throw new Error(`${what}: ${r.stderr.trim().split('\n').pop() || `exited ${r.code}`}`);
    try {
      return JSON.parse(r.stdout || '{}') as GraphPage<T>;
    } catch (e) {
      throw new Error(`${what}: not JSON (${(e as Error).message})`);
    }
  };
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
