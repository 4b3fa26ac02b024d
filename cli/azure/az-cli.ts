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

/** What `az rest` prints when ARM has no such resource, resource group or parent (HTTP 404). */
const NOT_FOUND = /ResourceNotFound|ResourceGroupNotFound|ParentResourceNotFound|Not Found\(/;

/** `az rest` (logged in by azure/login in the workflows) as parsed JSON; undefined when ARM answers 404. */
async function azRest<T>(what: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<T | undefined> {
  const r = await runProcess('az', ['rest', ...args, '--output', 'json'], { env }).catch((e: Error) => {
    throw new Error(`${what}: ${e.message.replace(/^az: /, '')}`);
  });
  if (r.code !== 0) {
    if (NOT_FOUND.test(r.stderr)) return undefined;
    throw new Error(`${what}: ${r.stderr.trim().split('\n').pop() || `exited ${r.code}`}`);
  }
  try {
    return JSON.parse(r.stdout || '{}') as T;
  } catch (e) {
    throw new Error(`${what}: not JSON (${(e as Error).message})`);
  }
}

/** The az CLI (logged in by azure/login in the workflows), with the caller's environment. */
export function azCli(env: NodeJS.ProcessEnv = {}): AzureApi {
  const page = async <T>(body: object): Promise<GraphPage<T>> => {
    const what = 'az rest (Resource Graph)';
    const p = await azRest<GraphPage<T>>(what, ['--method', 'post', '--url', GRAPH_URL, '--body', JSON.stringify(body)], env);
    // A query has no "not found": a 404 here is the endpoint itself missing, not an empty answer.
    if (p === undefined) throw new Error(`${what}: not found`);
    return p;
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

/**
 * Every item of an Azure Resource Manager list at `path` (`/subscriptions/…?api-version=…`), pages followed by
 * `nextLink`; undefined when its parent does not exist. Live state, unlike Resource Graph's minutes-old copy: what a
 * health gate must read.
 */
export async function armList<T>(path: string, env: NodeJS.ProcessEnv = {}): Promise<T[] | undefined> {
  const items: T[] = [];
  let url: string | undefined = `https://management.azure.com${path}`;
  while (url) {
    const p: { value?: T[]; nextLink?: string } | undefined = await azRest<{ value?: T[]; nextLink?: string }>(`az rest (${path.split('?')[0]})`, ['--method', 'get', '--url', url], env);
    if (p === undefined) return undefined;
    items.push(...(p.value ?? []));
    url = p.nextLink;
  }
  return items;
}
