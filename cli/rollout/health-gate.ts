import { accountEnvironment } from '../aws/account-credentials';
import { armList } from '../azure/az-cli';
import { AwsApi, awsSdk } from '../aws/aws-api';
import type { DescribeAutoScalingGroups } from '../aws/aws-types';
import type { GateCheck } from './waves';

/** What one check saw. */
export interface CheckResult {
  readonly check: GateCheck;
  readonly ok: boolean;
  /** `answered 200`, `answered 503 (expected 200)`, `unreachable: ECONNREFUSED`, `2 of 8 checkers failing`. */
  readonly detail: string;
}

/** A passed gate, or a failed one with its first failing check. */
export type GateOutcome = {
  readonly rounds: number;
  /** The last round's results. */
  readonly results: readonly CheckResult[];
} & ({ readonly passed: true; readonly failure?: undefined } | { readonly passed: false; readonly failure: CheckResult });

/** How the gate reaches the world; tests pass fakes. */
export interface GateProbes {
  httpStatus(url: string, timeoutMs: number): Promise<number>;
  /** Status reports of a Route53 health check's checkers, read in `account` (global's). */
  route53Statuses(healthCheckId: string, account: string): Promise<string[]>;
  /** An Auto Scaling group's instances in `account`, with their health and lifecycle state; undefined when there is no such group. */
  groupInstances(awsRegion: string, group: string, account: string): Promise<{ health: string; lifecycle: string }[] | undefined>;
  /** A scale set's instances, with their health (`HealthState/…`) and power state (`PowerState/…`); undefined when there is no such set. */
  scaleSetInstances(subscription: string, resourceGroup: string, scaleSet: string): Promise<{ health: string; power: string }[] | undefined>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/**
 * The health gate after a wave: every check passes in every round, rounds `intervalMs` apart, until `bakeMs` has
 * passed (one round when it is 0). The first failing check stops the gate: later waves must not start.
 */
export async function runHealthGate(checks: readonly GateCheck[], bakeMs: number, intervalMs: number, probes: GateProbes, log: (line: string) => void = () => {}): Promise<GateOutcome> {
  const started = probes.now();
  let rounds = 0;
  for (;;) {
    rounds++;
    const results = await Promise.all(checks.map((c) => runCheck(c, probes)));
    for (const r of results) log(`  ${r.check.region} ${r.check.name}: ${r.ok ? 'ok' : 'FAILED'} (${r.detail})`);
    const failure = results.find((r) => !r.ok);
    if (failure) return { passed: false, rounds, failure, results };
    const elapsed = probes.now() - started;
    if (elapsed >= bakeMs) return { passed: true, rounds, results };
    await probes.sleep(Math.min(intervalMs, bakeMs - elapsed));
  }
}

async function runCheck(check: GateCheck, probes: GateProbes): Promise<CheckResult> {
  try {
    if ('url' in check) {
      const status = await probes.httpStatus(check.url, 10_000);
      return { check, ok: status === check.expectStatus, detail: status === check.expectStatus ? `answered ${status}` : `answered ${status} (expected ${check.expectStatus})` };
    }
    if ('autoScalingGroup' in check) {
      const instances = await probes.groupInstances(check.awsRegion, check.autoScalingGroup, check.account);
      if (instances === undefined) return { check, ok: false, detail: `Auto Scaling group ${check.autoScalingGroup} does not exist in account ${check.account}` };
      const healthy = instances.filter((i) => i.health === 'Healthy' && i.lifecycle === 'InService').length;
      return { check, ok: healthy >= check.minHealthy && healthy > 0, detail: `${healthy} of ${instances.length} instances healthy and in service (needs ${Math.max(1, check.minHealthy)})` };
    }
    if ('scaleSet' in check) {
      const instances = await probes.scaleSetInstances(check.subscription, check.resourceGroup, check.scaleSet);
      if (instances === undefined) return { check, ok: false, detail: `scale set ${check.scaleSet} does not exist in resource group ${check.resourceGroup} of subscription ${check.subscription}` };
      const healthy = instances.filter((i) => i.health === 'HealthState/healthy' && i.power === 'PowerState/running').length;
      // An instance the set's probe has no verdict on yet does not count; say so, it is not the same as failing.
      const silent = instances.filter((i) => i.health === '').length;
      const detail = `${healthy} of ${instances.length} instances healthy and running (needs ${Math.max(1, check.minHealthy)})${silent > 0 ? `; ${silent} report no health state` : ''}`;
      return { check, ok: healthy >= check.minHealthy && healthy > 0, detail };
    }
    const statuses = await probes.route53Statuses(check.route53HealthCheckId, check.account);
    const failing = statuses.filter((s) => !/^Success/.test(s)).length;
    const ok = statuses.length > 0 && failing === 0;
    return { check, ok, detail: statuses.length === 0 ? 'no checker reported' : `${failing} of ${statuses.length} checkers failing` };
  } catch (e) {
    return { check, ok: false, detail: `unreachable: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** The Compute API version the gate reads scale set instances with. */
const COMPUTE_API = '2024-07-01';

/** What the gate reads of a scale set instance (`virtualMachines?$expand=instanceView`). */
interface ScaleSetVm {
  readonly properties?: { readonly instanceView?: { readonly vmHealth?: { readonly status?: { readonly code?: string } }; readonly statuses?: readonly { readonly code?: string }[] } };
}

/**
 * The AWS client of one account for the whole gate: its rounds reuse the client's connection instead of opening one
 * per call. With the session the workflow handed over for that account, else the job's own (accountEnvironment).
 */
const awsByAccount = new Map<string, AwsApi>();
function awsFor(account: string): AwsApi {
  const made = awsByAccount.get(account) ?? awsSdk(accountEnvironment(account));
  awsByAccount.set(account, made);
  return made;
}

/** The real probes: fetch, the AWS SDK (awsFor) for Route53 and Auto Scaling, timers. */
export const realProbes: GateProbes = {
  async httpStatus(url, timeoutMs) {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  },
  async route53Statuses(id, account) {
    // Route53 is global; its API answers in us-east-1. In the global account, with the session the workflow gave for
    // it when the job is logged in elsewhere (rollback).
    const res = await awsFor(account).call<{ HealthCheckObservations?: { StatusReport?: { Status?: string } }[] }>({ service: 'route53', operation: 'GetHealthCheckStatus', input: { HealthCheckId: id } }, { region: 'us-east-1' });
    if (res === undefined) throw new Error(`Route53 health check ${id} does not exist in account ${account}`);
    return (res.HealthCheckObservations ?? []).map((o) => o.StatusReport?.Status ?? '');
  },
  async groupInstances(awsRegion, group, account) {
    // In the group's own account: with the session the workflow gave for it, if the job itself is in another.
    const res = await awsFor(account).call<DescribeAutoScalingGroups>({ service: 'autoscaling', operation: 'DescribeAutoScalingGroups', input: { AutoScalingGroupNames: [group] } }, { region: awsRegion });
    const found = res?.AutoScalingGroups?.[0];
    return found ? (found.Instances ?? []).map((i) => ({ health: i.HealthStatus ?? '', lifecycle: i.LifecycleState ?? '' })) : undefined;
  },
  async scaleSetInstances(subscription, resourceGroup, scaleSet) {
    // Resource Manager's live instance view (the workflow's Azure login reads it); vmHealth is the set's health probe.
    const path = `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${scaleSet}/virtualMachines?$expand=instanceView&api-version=${COMPUTE_API}`;
    const vms = await armList<ScaleSetVm>(path);
    return vms?.map((vm) => ({
      health: vm.properties?.instanceView?.vmHealth?.status?.code ?? '',
      power: vm.properties?.instanceView?.statuses?.find((st) => st.code?.startsWith('PowerState/'))?.code ?? '',
    }));
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};
