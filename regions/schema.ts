import { gitOpsSchema } from './gitops-schema';
import { vmServiceSchema } from './vm-service-schema';
import { rolloutSchema } from './rollout-schema';
import { z } from 'zod';
import { isIpv4Cidr, parseIpv4Cidr } from '../lib/private/cidr';
import { crossChecks } from './cross-checks';
import { coversInternet, exposesInternet } from '../lib/guardrails/exposure';
import { GUARDRAIL_PACK } from '../lib/guardrails/pack';
import { reasonProblem } from '../lib/guardrails/suppression';

/*
 * The region catalogue schema: the single source of truth. `RegionEntry` and `Catalogue` are inferred from it, and
 * `parseCatalogue` turns its issues into the one-line errors users see. Checks that span entries (overlaps, waves,
 * the Artifactory primary) are part of the schema too, and run even when some fields are wrong, so that one run
 * reports every problem.
 */

const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

// Case-insensitive without the i flag: JSON Schema patterns carry no flags, and the schema must accept the same.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const name = (what: string, max = 40) =>
  z.string().regex(NAME, `${what} must be lowercase letters, digits and dashes, starting with a letter and ending alphanumeric`).max(max);

/** Days of log retention; which values are allowed depends on the cloud (cross-checks: CloudWatch's list, or 30-730). */
const retentionDays = z.number().int().positive();

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
  /** Root / OS disk; the cloud's limits are checked per cloud (cluster-rules.ts). */
  diskSizeGb: z.number().int().positive().default(50),
});

const accessGrant = z.strictObject({
  /** An IAM role/user ARN on AWS, an Entra ID object id on Azure. */
  principal: z.string().min(1),
  /** What the principal may do; `namespaces` narrows it to those namespaces. */
  policy: z.enum(['cluster-admin', 'admin', 'edit', 'view', 'view-all']),
  namespaces: z.array(name('namespace')).min(1).optional(),
  /** Azure only: a group (people) or the service principal of an automation identity. */
  principalType: z.enum(['group', 'service-principal']).optional(),
});

/** A Kubernetes quantity; YAML's `pods: 500` is a number, and means the same as "500". */
const quantity = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'not a Kubernetes quantity (such as 500m, 2, 16Gi)'));

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
  // S3's rules: 3-63 of lowercase letters, digits, dots and dashes, alphanumeric at both ends, no two dots in a row,
  // no dot next to a dash, not shaped like an IP address.
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name')
    .refine((b) => !/\.\.|\.-|-\./.test(b) && !/^\d+\.\d+\.\d+\.\d+$/.test(b), 'not a valid S3 bucket name (no "..", ".-" or "-.", not an IP address)'),
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
  /**
   * Egress addresses of the self-hosted runners the Azure stacks run on: the only networks that may reach the
   * state account's public endpoint (closed when empty). Hosted runners have no fixed addresses.
   */
  allowedIpRanges: z.array(z.string().refine(isIpv4Cidr, 'not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits)')).default([]),
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
  /**
   * The first of the two steps that retire a region: for one release the entry stays and its stacks lift their
   * protections (zone prevent_destroy and delete lock, database deletion protection, filestore prevent_destroy);
   * the next release removes the entry and the rollout destroys its stacks. Removing a protected entry outright
   * is refused by `rollout plan`.
   */
  decommission: z.boolean().default(false),
  /** Services still on VMs: an auto-scaled group behind an internal load balancer each (lib/vm). */
  vmServices: z.array(vmServiceSchema).default([]),
  /**
   * Existing cloud resources the infrastructure stack takes over instead of creating: construct path (as
   * `npm run adopt` lists them) → cloud id. Synth emits Terraform import blocks.
   */
  adopt: z.record(z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/, 'a construct path like Network/Vpc'), z.string().min(1, 'the cloud id is empty')).optional(),
  network: z.strictObject({
    cidr: ipv4Cidr.refine((c) => !isIpv4Cidr(c) || parseIpv4Cidr(c).prefix <= 20, 'network must be /20 or larger'),
    /** How many of the region's availability zones (checked against the region: cross-checks). */
    zoneCount: z.number().int().min(1),
    natGateways: z.enum(['none', 'single', 'one-per-zone']).default('one-per-zone'),
    interfaceEndpoints: z.array(z.enum(['ecr', 'sts'])).default([]),
    flowLogRetentionDays: retentionDays.default(90),
  }),
  cluster: z.strictObject({
    kubernetesVersion: z.string().regex(/^1\.\d+$/, 'Kubernetes version must look like 1.31'),
    /** CIDRs allowed to reach a public API endpoint; empty means the endpoint is private only. */
    publicAccessCidrs: z
      .array(ipv4Cidr)
      .default([])
      .superRefine((cidrs, ctx) => {
        if (!cidrs.every(isIpv4Cidr)) return;
        // The union counts, not each range: 0.0.0.0/1 and 128.0.0.0/1 together are the whole internet.
        if (exposesInternet(cidrs)) ctx.addIssue({ code: 'custom', message: `together these ranges admit ${coversInternet(cidrs) ? 'the whole internet' : 'more than a /8 of the internet'}; list the offices and CI egress ranges` });
      }),
    /** How nodes are added and removed (AKS: the autoscaler profile; EKS: cluster-autoscaler's flags). */
    autoscaler: z
      .strictObject({
        expander: z.enum(['least-waste', 'random', 'most-pods', 'priority']).optional(),
        scaleDownUnneededTime: z.string().regex(/^\d+[smh]$/, 'a duration like 10m').optional(),
        scaleDownUtilizationThreshold: z.number().gt(0).max(1).optional(),
        balanceSimilarNodeGroups: z.boolean().optional(),
      })
      .optional(),
    nodePools: z
      .record(name('node pool name'), nodePool)
      .refine((pools) => Object.keys(pools).length > 0, 'at least one node pool is required'),
    access: z.record(name('access grant name'), accessGrant).default({}),
    /** Namespaces the platform layer creates, with quotas and container defaults. */
    namespaces: z.record(name('namespace', 63), namespaceSpec).default({}),
    /** Install Argo CD (GitOps) at `argocd.<dns.zone>`. */
    argoCd: z
      .strictObject({
        highAvailability: z.boolean().default(false),
        /** OIDC single sign-on; the client secret lives in the entry's secret store under `clientSecret`. */
        sso: z
          .strictObject({
            issuer: z.url({ protocol: /^https$/, error: 'an https URL of the OIDC issuer' }),
            clientId: z.string().min(1),
            /** Secrets Manager name (AWS) or Key Vault secret name (Azure). */
            clientSecret: z.string().min(1),
            groups: z.record(z.string().min(1), z.enum(['admin', 'readonly'])).refine((g) => Object.keys(g).length > 0, 'map at least one group to a role'),
            /** Team (an access grant with namespaces) → identity-provider groups: they manage that team's project only. */
            teams: z.record(z.string().min(1), z.array(z.string().min(1)).min(1, 'name at least one group')).default({}),
          })
          .optional(),
        /** Keep the local admin account. Without SSO it is the only login; with SSO it is off unless asked. */
        localAdmin: z.boolean().optional(),
      })
      .refine((a) => a.localAdmin !== false || a.sso !== undefined, { message: 'the local admin can only be off when sso is configured (nobody could log in)', path: ['localAdmin'] })
      .optional(),
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
    /** Where Argo CD's root Application in every cluster reads the desired state (the GitOps loop). */
    gitops: gitOpsSchema.optional(),
    /** Reasoned exceptions to guardrail rules, kept with the catalogue (code can suppress too). */
    guardrails: z
      .strictObject({
        suppressions: z
          .array(
            z.strictObject({
              rule: z.string().refine((id) => GUARDRAIL_PACK.some((r) => r.id === id), 'not a rule of the guardrail pack'),
              /** Stack name globs. @default ['*'] */
              stacks: z.array(z.string().min(1)).min(1).optional(),
              /** Construct path globs. @default ['**'] */
              paths: z.array(z.string().min(1)).min(1).optional(),
              reason: z.string().superRefine((reason, ctx) => {
                const problem = reasonProblem(reason);
                if (problem) ctx.addIssue({ code: 'custom', message: problem });
              }),
            }),
          )
          .default([]),
      })
      .default({ suppressions: [] }),
    /** CI identities and runners per environment; global and bootstrap run as prod. */
    automation: z
      .strictObject({
        /**
         * The GitHub repository (`owner/name`) whose workflows the cloud identities trust, through GitHub's OIDC
         * issuer and only for the environments the workflows use (docs/ci-identities.md). Without it no trust is
         * generated.
         */
        repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'not a GitHub repository (owner/name)').optional(),
        environments: z.partialRecord(z.enum(['dev', 'staging', 'prod']), automationEnvironment),
      })
      .optional(),
    /** Rollout waves' approvals, canary bake and health gate. */
    rollout: rolloutSchema,
    regions: z.array(regionEntrySchema).min(1, 'the catalogue needs at least one region'),
  })
  .superRefine(crossChecks, { when: () => true });

type ParsedEntry = z.infer<typeof regionEntrySchema>;
type ArtifactorySpec = NonNullable<ParsedEntry['artifactory']>;
/**
 * A validated entry, by cloud. The cross-entry checks (one place) guarantee what each cloud needs — an Azure entry
 * has its tenant, an Azure Artifactory its Key Vault — and these types carry it, so no code asserts it again.
 */
export type AwsRegionEntry = ParsedEntry & { readonly cloud: 'aws'; readonly tenantId?: undefined };
export type AzureRegionEntry = Omit<ParsedEntry, 'artifactory'> & {
  readonly cloud: 'azure';
  readonly tenantId: string;
  readonly artifactory?: ArtifactorySpec & { readonly keyVault: NonNullable<ArtifactorySpec['keyVault']> };
};
export type RegionEntry = AwsRegionEntry | AzureRegionEntry;
/** A validated catalogue (what `parseCatalogue` returns). */
export type Catalogue = Omit<z.infer<typeof catalogueSchema>, 'regions'> & { readonly regions: RegionEntry[] };
export type CatalogueInput = z.input<typeof catalogueSchema>;
export type RegionEntryInput = z.input<typeof regionEntrySchema>;
export type GlobalEntry = z.infer<typeof globalEntrySchema>;
export type GlobalNameSpec = z.infer<typeof globalName>;
export type NodePoolSpec = z.infer<typeof nodePool>;
export type NamespaceSpec = z.infer<typeof namespaceSpec>;
export type AccessGrantSpec = z.infer<typeof accessGrant>;
export type StateSpec = z.infer<typeof state>;
export type S3StateSpec = z.infer<typeof s3State>;
export type AzurermStateSpec = z.infer<typeof azurermState>;
export type ReplicationRuleInput = z.infer<typeof replicationRule>;
export type SandboxSpec = z.infer<typeof sandbox>;
export type AutomationEnvironment = z.infer<typeof automationEnvironment>;

export type { HealthCheckSpec, RolloutSpec } from './rollout-schema';
export { CI_GRANTS, platformStackNameOf, stackNameOf } from './stack-names';


