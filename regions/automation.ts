import type { AccessGrant } from '../lib/cluster/cluster';
import { AutomationEnvironment, Catalogue, CI_GRANTS, RegionEntry } from './schema';

/** The automation identities of an environment; global and bootstrap belong to prod. */
export function automationOf(catalogue: Catalogue, environment: string): AutomationEnvironment | undefined {
  const envs = catalogue.automation?.environments;
  if (!envs) return undefined;
  return envs[(environment === 'global' ? 'prod' : environment) as keyof typeof envs];
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
