import { accountCredentialVariables } from '../aws/account-credentials';
import { automationOf, iamRoleArn } from '../../regions/automation';
import type { Catalogue } from '../../regions/schema';
import { listStacks } from '../stacks';
import { PINNED_ACTIONS } from './pinned-actions';
import type { RolloutWave } from './waves';

/*
 * The cloud logins of the generated deploy workflow's jobs, all by OIDC: who a job applies as, and the read-only
 * sessions its health gate needs besides (other AWS accounts, the Azure subscription of a canary's scale sets).
 */

/** Minutes a deploy job may hold its state: longer than any apply, shorter than GitHub's six-hour default. */
export const APPLY_TIMEOUT_MINUTES = 180;
/** Seconds of the cloud session of an apply job: it must outlive the job, or the apply cannot write its state. */
const SESSION_SECONDS = APPLY_TIMEOUT_MINUTES * 60;

/** Cloud login steps of a job that applies: AWS role or Azure identity, both by OIDC. */
export function loginSteps(identity: string, region: string, tenantId: string, subscriptionId: string, ifAws?: string, ifAzure?: string): Record<string, unknown>[] {
  return [
    {
      name: 'AWS credentials (OIDC, apply role of this account)',
      ...(ifAws ? { if: ifAws } : {}),
      uses: PINNED_ACTIONS.awsCredentials.uses,
      with: { 'role-to-assume': identity, 'aws-region': region, 'role-duration-seconds': SESSION_SECONDS },
    },
    {
      name: 'Azure login (OIDC, apply identity)',
      ...(ifAzure ? { if: ifAzure } : {}),
      uses: PINNED_ACTIONS.azureLogin.uses,
      with: { 'client-id': identity, 'tenant-id': tenantId, 'subscription-id': subscriptionId },
    },
  ];
}

/** Global's read-only (plan) role, which reads the Route53 health checks; none without AWS automation identities. */
export function globalReadRole(catalogue: Catalogue): string | undefined {
  const ids = automationOf(catalogue, 'global')?.aws;
  return ids ? iamRoleArn(catalogue.global.account, ids.planRole) : undefined;
}

/**
 * The AWS accounts a wave's gate reads besides `own`, the one its job logs in to (global's read-only role in the
 * gate jobs; the canary's apply role, or none for an Azure canary, in the rollback job): global's for Route53 health
 * checks, each VM group's own. Each gets its read-only login, kept out of the job's environment and handed to the
 * gate step only (accountCredentialVariables), so that every check reads its own account.
 */
export function extraGateAccounts(catalogue: Catalogue, wave: RolloutWave, own: string | undefined): { step: Record<string, unknown>; env: Record<string, string> }[] {
  const globalRead = globalReadRole(catalogue);
  if (!globalRead) return [];
  const accounts = [...new Set(wave.checks.flatMap((c) => ('account' in c && c.account !== own ? [c.account] : [])))].sort();
  const rows = listStacks(catalogue).filter((r) => r.credentials.cloud === 'aws' && wave.stacks.some((s) => s.stack === r.stack));
  return accounts.map((account) => {
    const row = rows.find((r) => r.credentials.cloud === 'aws' && r.credentials.account === account);
    const login =
      account === catalogue.global.account
        ? { role: globalRead, region: catalogue.global.region, reads: 'Route53 health checks' }
        : row && { role: row.planIdentity, region: row.region, reads: 'VM groups' };
    if (!login) throw new Error(`rollout workflow: wave ${wave.wave} checks VM groups in account ${account}, but none of its stacks is in it`);
    const id = `aws_${account}`;
    const names = accountCredentialVariables(account);
    const out = (name: string) => `\${{ steps.${id}.outputs.${name} }}`;
    return {
      step: {
        id,
        name: `AWS credentials of ${account} (OIDC, read-only, for its ${login.reads}; not for the job's environment)`,
        uses: PINNED_ACTIONS.awsCredentials.uses,
        with: { 'role-to-assume': login.role, 'aws-region': login.region, 'output-credentials': true, 'output-env-credentials': false },
      },
      env: { [names.accessKeyId]: out('aws-access-key-id'), [names.secretAccessKey]: out('aws-secret-access-key'), [names.sessionToken]: out('aws-session-token') },
    };
  });
}

/**
 * The Azure logins a wave's gate job needs: the plan (read-only) identity of the subscription of each Azure VM
 * service's scale set it checks (the az CLI reads their instance view). One login per job: an Azure canary is one
 * region, so its scale sets share one subscription.
 */
export function gateAzureLogins(catalogue: Catalogue, wave: RolloutWave): Record<string, unknown>[] {
  const subscriptions = [...new Set(wave.checks.flatMap((c) => ('scaleSet' in c ? [c.subscription] : [])))];
  if (subscriptions.length === 0) return [];
  if (subscriptions.length > 1) throw new Error(`rollout workflow: wave ${wave.wave} checks scale sets in ${subscriptions.length} subscriptions; a gate job logs in to one`);
  const row = listStacks(catalogue).find((r) => r.credentials.cloud === 'azure' && r.credentials.subscriptionId === subscriptions[0] && wave.stacks.some((s) => s.stack === r.stack));
  if (!row || row.credentials.cloud !== 'azure' || !row.planIdentity) return [];
  return [
    {
      name: 'Azure login (OIDC, read-only, for the canary\'s scale sets)',
      uses: PINNED_ACTIONS.azureLogin.uses,
      with: { 'client-id': row.planIdentity, 'tenant-id': row.credentials.tenantId, 'subscription-id': row.credentials.subscriptionId },
    },
  ];
}

/** What azurerm reads to log in by OIDC. */
export function armEnv(identity: string, tenantId: string, subscriptionId: string): Record<string, string> {
  return { ARM_USE_OIDC: 'true', ARM_CLIENT_ID: identity, ARM_TENANT_ID: tenantId, ARM_SUBSCRIPTION_ID: subscriptionId };
}
