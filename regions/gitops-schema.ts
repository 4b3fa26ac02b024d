import { z } from 'zod';

/*
 * The catalogue's `gitops`: where Argo CD's root Application reads each cluster's desired state. One repository for
 * the fleet, its revision and path per environment; the path is a template filled per entry.
 */

/** Placeholders a GitOps path may use, filled per catalogue entry. */
export const GITOPS_PLACEHOLDERS = ['environment', 'region', 'id', 'cloud'] as const;

const repository = z
  .string()
  .regex(/^(https:\/\/[^\s/]+\/\S+|ssh:\/\/[^\s@]+@[^\s/]+\/\S+|[\w.-]+@[\w.-]+:[\w./-]+)$/, 'a Git repository URL: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git');
const revision = z.string().regex(/^[\w][\w./-]*$/, 'a branch, tag or commit (letters, digits, . _ / -)');
const path = z
  .string()
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w{}./-]+$/, 'a relative path inside the repository, no ".."')
  .refine((p) => [...p.matchAll(/\{([^}]*)\}/g)].every((m) => (GITOPS_PLACEHOLDERS as readonly string[]).includes(m[1])), `placeholders are ${GITOPS_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);

const source = {
  revision: revision.optional(),
  path: path.optional(),
};

export const gitOpsSchema = z.strictObject({
  repository,
  /** @default 'main' */
  revision: revision.default('main'),
  /** @default 'clusters/{environment}/{region}' */
  path: path.default('clusters/{environment}/{region}'),
  /**
   * Where the repository's read credentials live in each cluster's secret store (Secrets Manager name on AWS, Key
   * Vault secret name on Azure): a JSON secret with `username` and `password` (HTTPS) or `sshPrivateKey` (SSH).
   * @default - a public repository: no credentials
   */
  credentials: z.string().min(1).optional(),
  /** Per environment: another revision or path (production may follow a release branch). */
  environments: z.strictObject({ dev: z.strictObject(source).optional(), staging: z.strictObject(source).optional(), prod: z.strictObject(source).optional() }).default({}),
});

export type GitOpsSpec = z.infer<typeof gitOpsSchema>;

/** The source of one entry's root Application: the environment's revision and path, the path filled in. */
export function gitOpsSourceOf(spec: GitOpsSpec, entry: { id: string; environment: 'dev' | 'staging' | 'prod'; region: string; cloud: string }): { repository: string; revision: string; path: string; credentials?: string } {
  const env = spec.environments[entry.environment] ?? {};
  const values: Record<string, string> = { environment: entry.environment, region: entry.region, id: entry.id, cloud: entry.cloud };
  const path = (env.path ?? spec.path).replace(/\{(\w+)\}/g, (_, k: string) => values[k]);
  return { repository: spec.repository, revision: env.revision ?? spec.revision, path, credentials: spec.credentials };
}
