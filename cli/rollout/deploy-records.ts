import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readStackJson, stackFile } from '../../lib/synthesized/synthesized-output';
import { writeFilesAtomically } from '../atomic-write';
import { UsageError } from '../errors';
import { canonical } from './changed-stacks';

/**
 * What was last applied to one stack, written by `rollout apply` after a good apply (or a plan with no changes):
 * the commit and the digest of its synthesized Terraform. The base of "changed" is this record, not the commit
 * before a push: a run that was cancelled while queued, or failed half-way, leaves the records of the stacks it
 * did not apply as they were, so the next run still sees those stacks as changed and applies them.
 */
export interface DeployRecord {
  readonly stack: string;
  readonly commit: string;
  /** sha256 of the stack's synthesized Terraform, metadata dropped and keys sorted (`canonical`). */
  readonly digest: string;
  readonly appliedAt: string;
}

/** Where deploy records live. */
export interface DeployRecordStore {
  /** Records of these stacks; a stack never deployed has none. */
  read(stacks: readonly string[]): Promise<ReadonlyMap<string, DeployRecord>>;
  write(record: DeployRecord): Promise<void>;
  /** Every stack that has a record: with the head's stacks, which ones were retired from the catalogue. */
  list(): Promise<readonly DeployRecord[]>;
  /** Ends a destroyed stack's record: it is no longer deployed, nor retired again. */
  retire(stack: string): Promise<void>;
}

/** The digest of a synthesized stack as a deploy record keeps it. */
export function stackDigest(outdir: string, stack: string): string {
  const parsed = readStackJson(outdir, stack);
  if (!parsed) throw new Error(`${stackFile(outdir, stack)}: not synthesized`);
  return createHash('sha256').update(canonical(parsed)).digest('hex');
}

function parseRecord(text: string, where: string): DeployRecord {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where}: not a deploy record (${(e as Error).message.split('\n')[0]})`);
  }
  const r = v as Partial<DeployRecord> | null;
  if (!r || typeof r.stack !== 'string' || typeof r.commit !== 'string' || typeof r.digest !== 'string' || !/^[0-9a-f]{64}$/.test(r.digest)) {
    throw new UsageError(`${where}: not a deploy record (needs stack, commit and a sha256 digest)`);
  }
  return { stack: r.stack, commit: r.commit, digest: r.digest, appliedAt: typeof r.appliedAt === 'string' ? r.appliedAt : '' };
}

/** A directory of `<stack>.json` records: sandboxes, local runs, and any CI that keeps a directory between runs. */
export function directoryRecordStore(dir: string): DeployRecordStore {
  return {
    // A throw inside the executor becomes a rejection: callers see one error path.
    read: (stacks) => new Promise((resolve) => resolve(readAll(stacks))),
    write: (record) =>
      new Promise<void>((resolve) => {
        writeFilesAtomically(dir, { [`${record.stack}.json`]: `${JSON.stringify(record, null, 2)}\n` });
        resolve();
      }),
    list: () => new Promise((resolve) => resolve([...readAll(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : []).values()])),
    retire: (stack) =>
      new Promise<void>((resolve) => {
        // Kept, not deleted: the record of what was last applied to a destroyed stack.
        if (existsSync(join(dir, `${stack}.json`))) {
          mkdirSync(join(dir, 'retired'), { recursive: true });
          renameSync(join(dir, `${stack}.json`), join(dir, 'retired', `${stack}.json`));
        }
        resolve();
      }),
  };
  function readAll(stacks: readonly string[]): Map<string, DeployRecord> {
    const out = new Map<string, DeployRecord>();
    if (!existsSync(dir)) return out;
    const present = new Set(readdirSync(dir));
    for (const s of stacks) {
      if (!present.has(`${s}.json`)) continue;
      const file = join(dir, `${s}.json`);
      const record = parseRecord(readFileSync(file, 'utf8'), file);
      if (record.stack !== s) throw new UsageError(`${file}: records stack ${record.stack}, not ${s}`);
      out.set(s, record);
    }
    return out;
  }
}

/** The GitHub deployment environment that holds every stack's records; the stack is the deployment's task. */
export const GITHUB_RECORD_ENVIRONMENT = 'kore-deploy-records';
const TASK_PREFIX = 'deploy:';

type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

/**
 * Records as GitHub deployments (environment `kore-deploy-records`, task `deploy:<stack>`, the digest in the
 * payload, a `success` status): they outlive workflow artifacts, need only `deployments: read` to read and
 * `deployments: write` in the apply jobs, and show in the repository's deployment history. Reads take the newest
 * deployment of each stack whose newest status is `success`.
 */
export function githubRecordStore(options: { repository: string; token: string; apiUrl?: string; fetch?: Fetch }): DeployRecordStore {
  const api = (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, '');
  const doFetch: Fetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await doFetch(`${api}/repos/${options.repository}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`GitHub API ${method} ${path}: ${res.status} ${(await res.text()).split('\n')[0].slice(0, 200)}`);
    return res.json();
  };
  const store: DeployRecordStore = {
    async read(stacks) {
      const out = new Map<string, DeployRecord>();
      for (const stack of stacks) {
        const q = `environment=${encodeURIComponent(GITHUB_RECORD_ENVIRONMENT)}&task=${encodeURIComponent(TASK_PREFIX + stack)}&per_page=20`;
        const deployments = (await call('GET', `/deployments?${q}`)) as { id: number; sha: string; payload?: unknown; created_at?: string }[];
        for (const d of deployments) {
          const statuses = (await call('GET', `/deployments/${d.id}/statuses?per_page=1`)) as { state: string }[];
          // A retired stack's newest record is marked inactive: no older record brings it back.
          if (statuses[0]?.state === 'inactive') break;
          if (statuses[0]?.state !== 'success') continue;
          // A deployment someone else made in this environment without our payload is no record: the stack counts as
          // changed, which applies it again rather than skipping it.
          try {
            const payload = (typeof d.payload === 'string' ? JSON.parse(d.payload || '{}') : d.payload ?? {}) as { digest?: string };
            out.set(stack, parseRecord(JSON.stringify({ stack, commit: d.sha, digest: payload.digest, appliedAt: d.created_at ?? '' }), `deployment ${d.id} of ${stack}`));
          } catch {
            continue;
          }
          break;
        }
      }
      return out;
    },
    async write(record) {
      const created = (await call('POST', '/deployments', {
        ref: record.commit,
        task: TASK_PREFIX + record.stack,
        environment: GITHUB_RECORD_ENVIRONMENT,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: false,
        payload: { digest: record.digest, appliedAt: record.appliedAt },
        description: `kore rollout: ${record.stack}`,
      })) as { id: number };
      await call('POST', `/deployments/${created.id}/statuses`, { state: 'success', description: `applied ${record.digest.slice(0, 12)}` });
    },
    async list() {
      const tasks = new Set<string>();
      // Newest first, 100 a page; ten pages reach every stack of a fleet far larger than this one's.
      for (let page = 1; page <= 10; page++) {
        const q = `environment=${encodeURIComponent(GITHUB_RECORD_ENVIRONMENT)}&per_page=100&page=${page}`;
        const deployments = (await call('GET', `/deployments?${q}`)) as { task?: string }[];
        for (const d of deployments) if (d.task?.startsWith(TASK_PREFIX)) tasks.add(d.task.slice(TASK_PREFIX.length));
        if (deployments.length < 100) break;
      }
      return [...(await store.read([...tasks])).values()];
    },
    async retire(stack) {
      const q = `environment=${encodeURIComponent(GITHUB_RECORD_ENVIRONMENT)}&task=${encodeURIComponent(TASK_PREFIX + stack)}&per_page=1`;
      const [newest] = (await call('GET', `/deployments?${q}`)) as { id: number }[];
      if (newest) await call('POST', `/deployments/${newest.id}/statuses`, { state: 'inactive', description: 'stack destroyed: retired from the catalogue' });
    },
  };
  return store;
}

/**
 * The store a `--records` flag names: `github` (the repository and token from GITHUB_REPOSITORY / GITHUB_TOKEN,
 * as GitHub Actions sets them) or a directory.
 */
export function recordStoreOf(spec: string, env: NodeJS.ProcessEnv = process.env): DeployRecordStore {
  if (spec === 'github') {
    const repository = env.GITHUB_REPOSITORY;
    const token = env.GITHUB_TOKEN;
    if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError('--records github: GITHUB_REPOSITORY (owner/name) is not set');
    if (!token) throw new UsageError('--records github: GITHUB_TOKEN is not set (the job needs deployments: read, or write to record)');
    return githubRecordStore({ repository, token, apiUrl: env.GITHUB_API_URL });
  }
  if (spec.trim() === '') throw new UsageError('--records: "github" or a directory');
  return directoryRecordStore(spec);
}
