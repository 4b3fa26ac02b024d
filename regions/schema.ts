import { z } from 'zod';
import { AKS_KUBERNETES_VERSIONS, EKS_KUBERNETES_VERSIONS } from '../lib/cluster/kubernetes-versions';
import { cidrsOverlap, isIpv4Cidr, parseIpv4Cidr } from '../lib/private/cidr';
import { CLOUDWATCH_RETENTION_DAYS } from '../lib/private/cloudwatch';
import { isKnownRegion, zoneCapacity } from '../lib/cloud/cloud-regions';
import { LICENSE_FEATURES, replicationProblems, ReplicationRuleSpec } from '../lib/artifactory/replication';

/*
 * The region catalogue schema: the single source of truth. `RegionEntry` and `Catalogue` are inferred from it, and
 * `parseCatalogue` turns its issues into the one-line errors users see. Checks that span entries (overlaps, waves,
 * the Artifactory primary) are part of the schema too, and run even when some fields are wrong, so that one run
 * reports every problem.
 */

const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const AWS_ACCOUNT = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const name = (what: string) =>
  z.string().regex(NAME, `${what} must be lowercase letters, digits and dashes, starting with a letter`).max(40);

const retentionDays = z
  .number()
  .refine((d) => CLOUDWATCH_RETENTION_DAYS.includes(d), `CloudWatch retention must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`);

const ipv4Cidr = z.string().refine(isIpv4Cidr, 'not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits)');

const tags = z
  .object({
    owner: z.string().min(1, 'owner tag is required'),
    costCenter: z.string().min(1, 'costCenter tag is required'),
  })
  .catchall(z.string());

const taint = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const nodePool = z.strictObject({
  /** EC2 instance types on AWS, a single VM size on Azure. */
  instanceTypes: z.array(z.string().min(1)).min(1, 'at least one instance type is required'),
  minSize: z.number().int().min(0),
  desiredSize: z.number().int().min(0),
  maxSize: z.number().int().min(1),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z.array(taint).default([]),
  diskSizeGb: z.number().int().min(20).max(2048).default(50),
});

const accessGrant = z.strictObject({
  /** An IAM role/user ARN on AWS, an Entra ID group object id on Azure. */
  principal: z.string().min(1),
  /** What the principal may do; `namespaces` narrows it to those namespaces. */
  policy: z.enum(['cluster-admin', 'admin', 'edit', 'view']),
  namespaces: z.array(name('namespace')).min(1).optional(),
});

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'not a Kubernetes quantity');

const namespaceSpec = z.strictObject({
  labels: z.record(z.string(), z.string()).default({}),
  quota: z
    .strictObject({ requestsCpu: quantity, requestsMemory: quantity, limitsCpu: quantity, limitsMemory: quantity, pods: quantity })
    .partial()
    .optional(),
  containerDefaults: z.strictObject({ requestCpu: quantity, requestMemory: quantity, limitCpu: quantity, limitMemory: quantity }).partial().optional(),
});

const s3State = z.strictObject({
  backend: z.literal('s3'),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name'),
  region: z.string(),
  /** DynamoDB lock table; omit to rely on the S3 lock file alone (Terraform ≥ 1.10). */
  lockTable: z.string().min(3).optional(),
  useLockfile: z.boolean().default(true),
  keyPrefix: z.string().regex(/^[a-zA-Z0-9/_-]+$/).default('kore'),
});

const azurermState = z.strictObject({
  backend: z.literal('azurerm'),
  resourceGroup: z.string().min(1).max(90),
  storageAccount: z.string().regex(/^[a-z0-9]{3,24}$/, 'storage account names are 3-24 lowercase letters or digits'),
  container: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'not a valid blob container name'),
  /** The state store's location; defaults to the entry's region. */
  location: z.string().optional(),
  keyPrefix: z.string().regex(/^[a-zA-Z0-9/_-]+$/).default('kore'),
});

const state = z.discriminatedUnion('backend', [s3State, azurermState], {
  error: 'state.backend must be "s3" or "azurerm"',
});

const sandbox = z.strictObject({
  /** Base URL of a local AWS API emulator; every AWS endpoint of the stack and its backend points there. */
  awsEndpoint: z
    .url()
    .refine((u) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(u), 'sandbox endpoints must be loopback URLs'),
  /** Switch off what the emulator does not serve (EKS access entries and add-ons). */
  eksAccessEntries: z.boolean().default(false),
  eksAddons: z.boolean().default(false),
});

const common = {
  cloud: z.enum(['aws', 'azure'], { error: 'unknown cloud; expected "aws" or "azure"' }),
  region: z.string().min(1),
  /** AWS account id (12 digits) or Azure subscription id (UUID). */
  account: z.string(),
  /** Azure only: the Entra ID tenant. */
  tenantId: z.string().regex(UUID, 'not a UUID').optional(),
  tags,
  state,
  /** Test and demo stacks only: send every AWS call to a local emulator. Never in the default catalogue. */
  sandbox: sandbox.optional(),
};

export const regionEntrySchema = z.strictObject({
  id: name('id'),
  ...common,
  environment: z.enum(['dev', 'staging', 'prod'], { error: 'environment must be dev, staging or prod' }),
  /** Rollout wave: lower waves are applied first; every prod wave comes after every staging wave. */
  wave: z.number().int().min(0),
  network: z.strictObject({
    cidr: ipv4Cidr.refine((c) => !isIpv4Cidr(c) || parseIpv4Cidr(c).prefix <= 20, 'network must be /20 or larger'),
    zoneCount: z.number().int().min(1).max(6),
    natGateways: z.enum(['none', 'single', 'one-per-zone']).default('one-per-zone'),
    interfaceEndpoints: z.array(z.enum(['ecr', 'sts'])).default([]),
    flowLogRetentionDays: retentionDays.default(90),
  }),
  cluster: z.strictObject({
    kubernetesVersion: z.string().regex(/^1\.\d+$/, 'Kubernetes version must look like 1.31'),
    /** CIDRs allowed to reach a public API endpoint; empty means the endpoint is private only. */
    publicAccessCidrs: z
      .array(ipv4Cidr.refine((c) => !c.endsWith('/0'), 'an allow-list may not contain the whole internet'))
      .default([]),
    nodePools: z
      .record(name('node pool name'), nodePool)
      .refine((pools) => Object.keys(pools).length > 0, 'at least one node pool is required'),
    access: z.record(name('access grant name'), accessGrant).default({}),
    /** Namespaces the platform layer creates, with quotas and container defaults. */
    namespaces: z.record(name('namespace'), namespaceSpec).default({}),
    /** Install Argo CD (GitOps) at `argocd.<dns.zone>`. */
    argoCd: z.strictObject({ highAvailability: z.boolean().default(false) }).optional(),
    logRetentionDays: retentionDays.default(90),
  }),
  dns: z.strictObject({
    /** The region's delegated sub-zone, e.g. `use1.kore.example.com`; must sit inside the catalogue domain. */
    zone: z.string().regex(DNS_NAME, 'not a DNS name'),
  }),
  artifactory: z
    .strictObject({
      role: z.enum(['primary', 'replica']),
      /** Artifactory nodes; more than one is HA, which the license must allow. */
      replicas: z.number().int().min(1).max(9).default(1),
      resources: z.strictObject({ cpu: quantity.default('2'), memory: quantity.default('8Gi') }).default({ cpu: '2', memory: '8Gi' }),
      /** Filestore cache and data volume class. @default - the cluster's default storage class */
      storageClass: z.string().optional(),
      database: z
        .strictObject({
          /** RDS instance class (AWS) or flexible server SKU (Azure). */
          size: z.string().optional(),
          storageGb: z.number().int().min(20).max(16384).default(100),
          highAvailability: z.boolean().default(false),
        })
        .default({ storageGb: 100, highAvailability: false }),
      /** Azure only: the Key Vault holding license, keys, database password and replication token. */
      keyVault: z.strictObject({ name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, 'not a Key Vault name'), resourceGroup: z.string().min(1) }).optional(),
    })
    .optional(),
});

export const globalEntrySchema = z.strictObject({
  ...common,
  cloud: z.literal('aws', { error: 'the global stack runs on aws (Route53 parent zone)' }),
});

/** An Entra ID application CI logs in as (OIDC federation), and its service principal (for role assignments). */
const azureCiIdentity = z.strictObject({
  clientId: z.string().regex(UUID, 'not a UUID'),
  objectId: z.string().regex(UUID, 'not a UUID'),
});

const iamRoleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'not an IAM role name');

/**
 * The identities pipelines run as, per environment. The plan identity may read everything (Secrets included, which
 * Helm's release records are) and change nothing; the apply identity administers. Both get cluster access.
 */
const automationEnvironment = z.strictObject({
  /**
   * Labels of self-hosted runners inside the environment's networks: the in-cluster (platform) stacks need a
   * private API server's network. Infrastructure stacks run on hosted runners.
   */
  runnerLabels: z.array(z.string().min(1)).min(1, 'name at least one runner label'),
  /** IAM role names, the same in every account of the environment (`arn:aws:iam::<account>:role/<name>`). */
  aws: z.strictObject({ planRole: iamRoleName, applyRole: iamRoleName }).optional(),
  azure: z.strictObject({ plan: azureCiIdentity, apply: azureCiIdentity }).optional(),
});

const replicationRule = z.strictObject({
  repositories: z.array(z.string().regex(/^[a-zA-Z0-9*?._-]+$/, 'a repository key or glob')).min(1),
  from: z.string().optional(),
  to: z.array(z.string()).min(1),
  mode: z.enum(['push', 'pull']),
  schedule: z.string().optional(),
  eventBased: z.boolean().default(false),
});

const globalName = z.strictObject({
  /** HTTPS path the per-region health checks request. */
  healthCheckPath: z.string().regex(/^\/\S*$/, 'must start with /'),
  /** Catalogue entry ids serving the name; each gets `<name>.<its dns.zone>` as its regional name. */
  regions: z.array(name('region id')).min(1),
  port: z.number().int().min(1).max(65535).default(443),
});

export const catalogueSchema = z
  .strictObject({
    /** The parent DNS zone owned by the global stack. */
    domain: z.string().regex(DNS_NAME, 'not a DNS name'),
    global: globalEntrySchema,
    /** Names under the domain that route users to the nearest healthy region, keyed by label. */
    globalNames: z.record(z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'one DNS label'), globalName).default({}),
    /** Artifactory replication between the regions: what the team controls by moving off hosted Artifactory. */
    replication: z
      .strictObject({
        /** The JFrog subscription; it decides which replication features and whether HA exist. */
        license: z.enum(['pro', 'enterprise', 'enterprise-plus']).default('enterprise'),
        rules: z.record(name('replication rule name'), replicationRule).default({}),
      })
      .default({ license: 'enterprise', rules: {} }),
    /** CI identities and runners per environment; global and bootstrap run as prod. */
    automation: z
      .strictObject({ environments: z.partialRecord(z.enum(['dev', 'staging', 'prod']), automationEnvironment) })
      .optional(),
    regions: z.array(regionEntrySchema).min(1, 'the catalogue needs at least one region'),
  })
  .superRefine(crossChecks, { when: () => true });

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueInput = z.input<typeof catalogueSchema>;
export type RegionEntry = z.infer<typeof regionEntrySchema>;
export type RegionEntryInput = z.input<typeof regionEntrySchema>;
export type GlobalEntry = z.infer<typeof globalEntrySchema>;
export type GlobalNameSpec = z.infer<typeof globalName>;
export type NodePoolSpec = z.infer<typeof nodePool>;
export type NamespaceSpec = z.infer<typeof namespaceSpec>;
export type AccessGrantSpec = z.infer<typeof accessGrant>;
export type StateSpec = z.infer<typeof state>;
export type S3StateSpec = z.infer<typeof s3State>;
export type AzurermStateSpec = z.infer<typeof azurermState>;
export type SandboxSpec = z.infer<typeof sandbox>;
export type AutomationEnvironment = z.infer<typeof automationEnvironment>;

/** Terraform stack name of an entry: `<environment>-<region>`. Part of the state key: never change it. */
export function stackNameOf(entry: { environment: string; region: string }): string {
  return `${entry.environment}-${entry.region}`;
}

/** The stack of an entry's in-cluster layer: `<environment>-<region>-platform`, its own state key. */
export function platformStackNameOf(entry: { environment: string; region: string }): string {
  return `${stackNameOf(entry)}-platform`;
}

/** Access grant names the catalogue reserves for the CI identities. */
export const CI_GRANTS = { plan: 'ci-plan', apply: 'ci-apply' } as const;

type Ctx = z.RefinementCtx;
type Loose = Record<string, unknown>;

const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/**
 * Checks that need more than one field. The input may be partly invalid here (field errors are reported
 * separately), so every read is guarded: a check only fires on values that are themselves well-formed.
 */
function crossChecks(raw: unknown, ctx: Ctx): void {
  if (!isObj(raw)) return;
  const regions = Array.isArray(raw.regions) ? raw.regions : [];
  const domain = str(raw.domain);
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  if (isObj(raw.global)) checkCloudFields(raw.global, ['global'], issue);

  const ids = new Map<string, number>();
  const stacks = new Map<string, number>();
  const cidrs: { index: number; cidr: string }[] = [];
  const primaries: number[] = [];

  regions.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const at = (...rest: (string | number)[]) => ['regions', i, ...rest];
    const id = str(entry.id);
    if (id !== undefined) {
      if (ids.has(id)) issue(at('id'), `duplicate id (also regions[${ids.get(id)}])`);
      else ids.set(id, i);
    }
    const env = str(entry.environment);
    const region = str(entry.region);
    if (env && region) {
      const stack = stackNameOf({ environment: env, region });
      if (stacks.has(stack)) issue(at('region'), `duplicate stack name ${stack} (also regions[${stacks.get(stack)}])`);
      else stacks.set(stack, i);
    }
    checkCloudFields(entry, at(), issue);

    const cloud = str(entry.cloud);
    const network = isObj(entry.network) ? entry.network : {};
    const zoneCount = int(network.zoneCount);
    if ((cloud === 'aws' || cloud === 'azure') && region && isKnownRegion(cloud, region) && zoneCount !== undefined) {
      const capacity = zoneCapacity(cloud, region);
      if (zoneCount > capacity) issue(at('network', 'zoneCount'), `${region} has only ${capacity} availability zones`);
    }
    const cidr = str(network.cidr);
    if (cidr && isIpv4Cidr(cidr)) cidrs.push({ index: i, cidr });

    const cluster = isObj(entry.cluster) ? entry.cluster : {};
    const version = str(cluster.kubernetesVersion);
    const supported = cloud === 'azure' ? AKS_KUBERNETES_VERSIONS : EKS_KUBERNETES_VERSIONS;
    if (version && /^1\.\d+$/.test(version) && (cloud === 'aws' || cloud === 'azure') && !supported.includes(version)) {
      issue(at('cluster', 'kubernetesVersion'), `unsupported on ${cloud === 'aws' ? 'EKS' : 'AKS'}; supported: ${supported.join(', ')}`);
    }
    const declared = isObj(cluster.namespaces) ? Object.keys(cluster.namespaces) : [];
    if (isObj(cluster.access)) {
      for (const [grantName, grant] of Object.entries(cluster.access)) {
        if (!isObj(grant) || !Array.isArray(grant.namespaces)) continue;
        grant.namespaces.forEach((ns, k) => {
          if (typeof ns === 'string' && !declared.includes(ns)) {
            issue(at('cluster', 'access', grantName, 'namespaces', k), `not declared in cluster.namespaces (have: ${declared.join(', ') || 'none'})`);
          }
        });
      }
    }
    const retention = int(cluster.logRetentionDays);
    if (cloud === 'azure' && retention !== undefined && (retention < 30 || retention > 730)) {
      issue(at('cluster', 'logRetentionDays'), 'Log Analytics keeps 30 to 730 days');
    }
    if (isObj(cluster.nodePools)) {
      for (const [poolName, pool] of Object.entries(cluster.nodePools)) {
        if (!isObj(pool)) continue;
        const [min, desired, max] = [int(pool.minSize), int(pool.desiredSize), int(pool.maxSize)];
        const p = at('cluster', 'nodePools', poolName);
        if (min !== undefined && max !== undefined && min > max) issue([...p, 'minSize'], `minSize is greater than maxSize ${max}`);
        if (desired !== undefined && min !== undefined && desired < min) issue([...p, 'desiredSize'], `desiredSize is below minSize ${min}`);
        if (desired !== undefined && max !== undefined && desired > max) issue([...p, 'desiredSize'], `desiredSize is above maxSize ${max}`);
        if (cloud === 'azure' && Array.isArray(pool.instanceTypes) && pool.instanceTypes.length > 1) {
          issue([...p, 'instanceTypes'], 'an AKS node pool has exactly one VM size');
        }
      }
    }
    const dns = isObj(entry.dns) ? entry.dns : {};
    const zone = str(dns.zone);
    if (zone && domain && !zone.endsWith(`.${domain}`)) issue(at('dns', 'zone'), `must be a sub-zone of the catalogue domain ${domain}`);

    const artifactory = isObj(entry.artifactory) ? entry.artifactory : undefined;
    if (artifactory && artifactory.role === 'primary') primaries.push(i);

    if (entry.sandbox !== undefined && cloud !== 'aws') issue(at('sandbox'), 'sandbox endpoints exist for aws entries only');
  });

  for (let a = 0; a < cidrs.length; a++) {
    for (let b = a + 1; b < cidrs.length; b++) {
      if (cidrsOverlap(cidrs[a].cidr, cidrs[b].cidr)) {
        const other = regions[cidrs[a].index] as Loose;
        issue(['regions', cidrs[b].index, 'network', 'cidr'], `overlaps ${str(other.id) ?? `regions[${cidrs[a].index}]`} (${cidrs[a].cidr}); regions must stay routable to each other`);
      }
    }
  }

  const waves = (env: string) =>
    regions.flatMap((e, i) => (isObj(e) && e.environment === env && int(e.wave) !== undefined ? [{ i, wave: int(e.wave)! }] : []));
  const staging = waves('staging');
  if (staging.length > 0) {
    const lastStaging = staging.reduce((m, s) => (s.wave > m.wave ? s : m));
    for (const prod of waves('prod')) {
      if (prod.wave <= lastStaging.wave) {
        const stagingId = str((regions[lastStaging.i] as Loose).id) ?? `regions[${lastStaging.i}]`;
        issue(['regions', prod.i, 'wave'], `prod must roll out after staging (${stagingId} is wave ${lastStaging.wave})`);
      }
    }
  }

  if (isObj(raw.globalNames)) {
    for (const [label, spec] of Object.entries(raw.globalNames)) {
      if (!isObj(spec) || !Array.isArray(spec.regions)) continue;
      spec.regions.forEach((rid, i) => {
        if (typeof rid === 'string' && !ids.has(rid)) issue(['globalNames', label, 'regions', i], 'no catalogue entry has this id');
      });
    }
  }

  const replication = isObj(raw.replication) ? raw.replication : {};
  const license = (['pro', 'enterprise', 'enterprise-plus'] as const).find((l) => l === replication.license) ?? 'enterprise';
  const roles = new Map<string, 'primary' | 'replica' | undefined>();
  regions.forEach((e) => {
    if (!isObj(e) || typeof e.id !== 'string') return;
    const role = isObj(e.artifactory) ? e.artifactory.role : undefined;
    roles.set(e.id, role === 'primary' || role === 'replica' ? role : undefined);
  });
  if (isObj(replication.rules)) {
    // Copies, not the input: only rules whose shape is right are checked here (field errors come from the schema).
    const wellFormed: Record<string, ReplicationRuleSpec> = {};
    for (const [ruleName, r] of Object.entries(replication.rules)) {
      if (!isObj(r) || !Array.isArray(r.to) || !Array.isArray(r.repositories) || (r.mode !== 'push' && r.mode !== 'pull')) continue;
      wellFormed[ruleName] = {
        repositories: r.repositories.filter((x): x is string => typeof x === 'string'),
        to: r.to.filter((x): x is string => typeof x === 'string'),
        from: str(r.from),
        mode: r.mode,
        schedule: str(r.schedule),
        eventBased: r.eventBased === true,
      };
    }
    for (const p of replicationProblems(wellFormed, roles, license)) issue(['replication', 'rules', ...p.path], p.message);
  }
  regions.forEach((e, i) => {
    if (!isObj(e) || !isObj(e.artifactory)) return;
    const replicas = int(e.artifactory.replicas);
    if (replicas !== undefined && replicas > 1 && !LICENSE_FEATURES[license].ha) {
      issue(['regions', i, 'artifactory', 'replicas'], `more than one node is Artifactory HA, which needs an Enterprise license (replication.license is ${license})`);
    }
    if (e.cloud === 'azure' && e.artifactory.keyVault === undefined) issue(['regions', i, 'artifactory', 'keyVault'], 'azure entries name the Key Vault holding the Artifactory secrets');
  });

  const automation = isObj(raw.automation) && isObj(raw.automation.environments) ? raw.automation.environments : undefined;
  if (automation) {
    regions.forEach((e, i) => {
      if (!isObj(e)) return;
      const env = str(e.environment);
      const cloud = str(e.cloud);
      if (!env || !['dev', 'staging', 'prod'].includes(env) || (cloud !== 'aws' && cloud !== 'azure')) return;
      const ids = automation[env];
      if (!isObj(ids)) issue(['regions', i, 'environment'], `automation.environments has no "${env}" entry (CI identities and runners for it)`);
      else if (!isObj(ids[cloud])) issue(['regions', i, 'cloud'], `automation.environments.${env} names no ${cloud} CI identities`);
      if (isObj(e.cluster) && isObj(e.cluster.access)) {
        for (const reserved of Object.values(CI_GRANTS)) {
          if (reserved in e.cluster.access) issue(['regions', i, 'cluster', 'access', reserved], 'reserved for the CI identities of automation');
        }
      }
    });
    if (!isObj(automation.prod) || !isObj(automation.prod.aws)) issue(['automation', 'environments', 'prod', 'aws'], 'the global stack runs with the prod aws CI identities; name them');
  }

  if (primaries.length === 0) {
    issue(['regions'], 'exactly one entry needs artifactory.role "primary", found none');
  } else {
    for (const i of primaries.slice(1)) {
      issue(['regions', i, 'artifactory', 'role'], `second Artifactory primary (the first is regions[${primaries[0]}]); exactly one is allowed`);
    }
  }
}

/** Region name, account id format and state backend must all agree with the entry's cloud. */
function checkCloudFields(entry: Loose, at: (string | number)[], issue: (path: (string | number)[], message: string) => void): void {
  const cloud = str(entry.cloud);
  if (cloud !== 'aws' && cloud !== 'azure') return;
  const region = str(entry.region);
  if (region !== undefined && !isKnownRegion(cloud, region)) issue([...at, 'region'], `not a known ${cloud} region`);
  const account = str(entry.account);
  if (account !== undefined) {
    if (cloud === 'aws' && !AWS_ACCOUNT.test(account)) issue([...at, 'account'], 'an AWS account id is 12 digits');
    if (cloud === 'azure' && !UUID.test(account)) issue([...at, 'account'], 'an Azure subscription id is a UUID');
  }
  if (cloud === 'azure' && entry.tenantId === undefined) issue([...at, 'tenantId'], 'azure entries need the Entra ID tenant id');
  const st = isObj(entry.state) ? entry.state : undefined;
  const backend = st ? str(st.backend) : undefined;
  if (backend === 's3' && cloud !== 'aws') issue([...at, 'state', 'backend'], 'an azure entry keeps its state in azurerm');
  if (backend === 'azurerm' && cloud === 'aws') issue([...at, 'state', 'backend'], 'an aws entry keeps its state in s3');
  if (backend === 's3' && st && str(st.region) !== undefined && !isKnownRegion('aws', str(st.region)!)) {
    issue([...at, 'state', 'region'], 'not a known aws region');
  }
}
