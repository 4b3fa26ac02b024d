import type { AccessGrant } from '../lib/cluster/cluster';
import { AutomationEnvironment, Catalogue, CI_GRANTS, RegionEntry } from './schema';

/** The automation identities of an environment; global and bootstrap belong to prod. */
export function automationOf(catalogue: Catalogue, environment: string): AutomationEnvironment | undefined {
  const envs = catalogue.automation?.environments;
  if (!envs) return undefined;
  return envs[(environment === 'global' ? 'prod' : environment) as keyof typeof envs];
}

/**
 * The production canary: the one region of the lowest production wave, when production rolls out in more than one
 * wave (fleet-checks holds it alone in its wave). The rollout gates and rolls it back; its rollback job reads the
 * global account's Route53 health checks.
 */
export function canaryOf(catalogue: Catalogue): RegionEntry | undefined {
  const prod = catalogue.regions.filter((e) => e.environment === 'prod');
  if (prod.length < 2) return undefined;
  const first = Math.min(...prod.map((e) => e.wave));
  return prod.find((e) => e.wave === first);
}

/**
 * Whether the canary's rollback job, logged in as the canary's apply identity, needs a read-only login to the
 * global account besides: it holds the gate again, and the canary's Route53 health checks live in global's account,
 * which that identity cannot read when it is on Azure or in another AWS account.
 */
export function rollbackReadsGlobal(catalogue: Catalogue): boolean {
  const canary = canaryOf(catalogue);
  if (!canary || (canary.cloud === 'aws' && canary.account === catalogue.global.account)) return false;
  return (catalogue.rollout.healthChecks[canary.id] ?? []).some((c) => 'route53HealthCheckId' in c);
}

/** `arn:aws:iam::<account>:role/<name>`. */
export function iamRoleArn(account: string, roleName: string): string {
  return `arn:aws:iam::${account}:role/${roleName}`;
}

/**
 * The cluster access of the CI identities of an entry's environment: the plan identity reads everything (view-all),
 * the apply identity administers. Empty when the catalogue names no automation.
 */
export function ciAccessGrants(catalogue: Catalogue, entry: RegionEntry): Record<string, AccessGrant> {
  const ids = automationOf(catalogue, entry.environment);
  if (entry.cloud === 'aws' && ids?.aws) {
    return {
      [CI_GRANTS.plan]: { principal: iamRoleArn(entry.account, ids.aws.planRole), policy: 'view-all' },
      [CI_GRANTS.apply]: { principal: iamRoleArn(entry.account, ids.aws.applyRole), policy: 'cluster-admin' },
    };
  }
  if (entry.cloud === 'azure' && ids?.azure) {
    return {
      [CI_GRANTS.plan]: { principal: ids.azure.plan.objectId, policy: 'view-all', principalType: 'service-principal' },
      [CI_GRANTS.apply]: { principal: ids.azure.apply.objectId, policy: 'cluster-admin', principalType: 'service-principal' },
    };
  }
  return {};
}

/** The GitHub environment pull-request plans run in: required reviewers approve before PR code gets a cloud identity. */
export const PR_PLAN_ENVIRONMENT = 'pr-plan';
/** The GitHub environment of read-only jobs on main (nightly drift check, health gates); deployment branch: main. */
export const MAIN_READ_ENVIRONMENT = 'main-read';

/** The GitHub environment a stack of this catalogue environment deploys in (its reviewers approve the wave). */
export function deployEnvironmentOf(environment: string): 'dev' | 'staging' | 'production' {
  return environment === 'dev' ? 'dev' : environment === 'staging' ? 'staging' : 'production';
}

/** The GitHub environment (required reviewers) whose approval destroys the stacks of retired regions. */
export const DECOMMISSION_ENVIRONMENT = 'decommission';
/**
 * The GitHub environment of the automatic canary rollback: main only and no reviewers, since a rollback that waits
 * for a person is not automatic; only production apply identities trust it.
 */
export const ROLLBACK_ENVIRONMENT = 'production-rollback';

/** Who may log in as the CI identities of one AWS account or Azure identity pair, as OIDC subjects. */
export interface CiTrust {
  readonly cloud: 'aws' | 'azure';
  /** AWS account id, or the Azure tenant. */
  readonly account: string;
  /** Role names (AWS) or application client ids (Azure). */
  readonly plan: string;
  readonly apply: string;
  readonly planSubjects: readonly string[];
  readonly applySubjects: readonly string[];
}

/**
 * The OIDC trust of every CI identity, from the catalogue: the plan identity of an account is trusted for pull
 * request plans (after review) and read-only jobs on main — global's also for the canary's rollback when that job
 * reads global's Route53 health checks from another login (rollbackReadsGlobal); its apply identity only for the
 * deploy environments of the stacks in that account. The bootstrap stack creates the AWS roles from this,
 * docs/ci-identities.md lists it; the workflows use exactly these environments (tests hold all three together).
 */
export function ciTrustOf(catalogue: Catalogue): CiTrust[] {
  const repo = catalogue.automation?.repository;
  if (!repo) return [];
  const sub = (env: string) => `repo:${repo}:environment:${env}`;
  const planSubjects = [sub(PR_PLAN_ENVIRONMENT), sub(MAIN_READ_ENVIRONMENT)];
  const globalIds = automationOf(catalogue, 'global')?.aws;
  const readsGlobal = (cloud: string, account: string, plan: string) => cloud === 'aws' && account === catalogue.global.account && plan === globalIds?.planRole && rollbackReadsGlobal(catalogue);
  const byIdentity = new Map<string, { cloud: 'aws' | 'azure'; account: string; plan: string; apply: string; envs: Set<string> }>();
  const add = (cloud: 'aws' | 'azure', account: string, environment: string) => {
    const ids = automationOf(catalogue, environment);
    const pair = cloud === 'aws' ? ids?.aws && { plan: ids.aws.planRole, apply: ids.aws.applyRole } : ids?.azure && { plan: ids.azure.plan.clientId, apply: ids.azure.apply.clientId };
    if (!pair) return;
    const key = `${cloud}|${account}|${pair.plan}|${pair.apply}`;
    const entry = byIdentity.get(key) ?? { cloud, account, ...pair, envs: new Set<string>() };
    entry.envs.add(deployEnvironmentOf(environment));
    byIdentity.set(key, entry);
  };
  for (const e of catalogue.regions) add(e.cloud, e.cloud === 'aws' ? e.account : (e.tenantId ?? ''), e.environment);
  add('aws', catalogue.global.account, 'global');
  return [...byIdentity.values()]
    .map((e) => ({
      cloud: e.cloud,
      account: e.account,
      plan: e.plan,
      apply: e.apply,
      planSubjects: readsGlobal(e.cloud, e.account, e.plan) ? [...planSubjects, sub(ROLLBACK_ENVIRONMENT)] : planSubjects,
      applySubjects: [...e.envs, ...(e.envs.has('production') ? [ROLLBACK_ENVIRONMENT] : []), DECOMMISSION_ENVIRONMENT].sort().map(sub),
    }))
    .sort((a, b) => a.cloud.localeCompare(b.cloud) || a.account.localeCompare(b.account) || a.plan.localeCompare(b.plan));
}
