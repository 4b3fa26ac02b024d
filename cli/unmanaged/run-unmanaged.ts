import { stackDir, synthesizedResources } from '../../lib/synthesized/synthesized-output';
import type { Catalogue } from '../../regions/schema';
import type { AwsApi } from '../aws/aws-api';
import type { AzureApi } from '../azure/az-cli';
import type { StackListing } from '../stacks';
import type { TerraformRunner } from '../terraform';
import { mapLimit } from '../concurrency';
import { applyIgnores, IgnoreEntry } from './ignore-file';
import { pulledInstances } from '../terraform-state';
import { StackTerraform, TerraformStepError } from '../stack-terraform';
import { addManagedState, COMPUTED_COLLECTIONS, ConfiguredAttribute, emptyManagedSet, ManagedSet } from './managed-state';
import { scanUnmanaged, UnmanagedFinding } from './scan';
import { scanUnmanagedAzure } from './scan-azure';

/** The unmanaged section of the drift report. */
export interface UnmanagedReport {
  /** Accounts and regions scanned. */
  readonly scanned: readonly { account: string; region: string }[];
  readonly findings: readonly UnmanagedFinding[];
  readonly ignored: readonly (UnmanagedFinding & { reason: string })[];
  /** A scan that could not run (credentials, state), per account/region. */
  readonly errors: readonly string[];
}

/** The tag every fleet resource carries (regionTags), and the prefix of every name the fleet gives. */
export const FLEET_TAG_KEY = 'kore-region';
export const FLEET_NAME_PREFIX = 'kore-';

export interface RunUnmanagedOptions {
  readonly catalogue: Catalogue;
  /** Every stack of the catalogue (the states compared with: all of an account, not only the selected ones). */
  readonly stacks: readonly StackListing[];
  /** The selected stacks: their accounts and regions are scanned. */
  readonly selected: readonly string[];
  readonly outdir: string;
  readonly runner: TerraformRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly api: AwsApi;
  readonly azure: AzureApi;
  readonly ignores: readonly IgnoreEntry[];
  readonly log: (line: string) => void;
  /**
   * States read at once (each an init and a `terraform show -json`): the drift check's own `--concurrency`.
   * @default 2
   */
  readonly concurrency?: number;
}

/**
 * Scans each AWS account and Azure subscription, in each region of the selected stacks, for fleet resources no state
 * holds. The states of every stack in that account or subscription are read (`terraform show -json`), so a resource
 * another stack manages is never reported.
 */
export async function runUnmanagedScan(o: RunUnmanagedOptions): Promise<UnmanagedReport> {
  const errors: string[] = [];
  const findings: UnmanagedFinding[] = [];
  const scanned: { account: string; region: string }[] = [];
  const withState = o.stacks.filter((s) => s.layer !== 'bootstrap');
  const accountOf = (s: StackListing) => (s.credentials.cloud === 'aws' ? s.credentials.account : s.credentials.subscriptionId);
  const managedByAccount = new Map<string, ManagedSet>();
  const managedIn = async (account: string) => {
    let managed = managedByAccount.get(account);
    if (!managed) {
      managed = await readStates(withState.filter((x) => accountOf(x) === account), o, errors);
      managedByAccount.set(account, managed);
    }
    return managed;
  };
  const targets = new Map<string, { cloud: 'aws' | 'azure'; account: string; region: string }>();
  for (const s of withState.filter((x) => o.selected.includes(x.stack))) targets.set(`${accountOf(s)}/${s.region}`, { cloud: s.cloud, account: accountOf(s), region: s.region });
  const globalDone = new Set<string>();
  for (const { cloud, account, region } of targets.values()) {
    const managed = await managedIn(account);
    scanned.push({ account, region });
    try {
      const includeGlobal = !globalDone.has(account);
      const found = cloud === 'aws' ? await scanUnmanaged(o.api, { account, region, endpoint: sandboxEndpoint(o.catalogue, account, region), fleetTagKey: FLEET_TAG_KEY, rolePrefix: FLEET_NAME_PREFIX, includeGlobal }, managed) : await scanUnmanagedAzure(o.azure, { subscription: account, region, fleetTagKey: FLEET_TAG_KEY, includeGlobal }, managed);
      globalDone.add(account);
      o.log(`unmanaged: ${account}/${region}: ${found.length} finding(s)`);
      findings.push(...found);
    } catch (e) {
      errors.push(`${account}/${region}: ${(e as Error).message}`);
    }
  }
  const { reported, ignored } = applyIgnores(findings, o.ignores);
  return { scanned, findings: reported, ignored, errors };
}

/** What the states of these stacks hold; a state that cannot be read is an error of the scan, named. */
async function readStates(stacks: readonly StackListing[], o: RunUnmanagedOptions, errors: string[]): Promise<ManagedSet> {
  const states = await mapLimit(stacks, o.concurrency ?? 2, async (s) => {
    const tf = new StackTerraform({ runner: o.runner, cwd: stackDir(o.outdir, s.stack), env: o.env, lockTimeout: '60s', budgetMs: 10 * 60_000 });
    try {
      await tf.init();
      return { state: await tf.pullState() };
    } catch (e) {
      if (!(e instanceof TerraformStepError)) throw e;
      return { error: `state of ${s.stack} unreadable: ${e.detail}` };
    }
  });
  const managed = emptyManagedSet();
  for (const [n, s] of stacks.entries()) {
    const read = states[n];
    if (read.error !== undefined) {
      errors.push(read.error);
      continue;
    }
    let instances;
    try {
      instances = pulledInstances(read.state);
    } catch (e) {
      errors.push(`state of ${s.stack} unreadable: ${(e as Error).message}`);
      continue;
    }
    addManagedState(instances, managed, configuredAttributes(o.outdir, s.stack));
  }
  return managed;
}

/**
 * Which of the refreshed collections (`COMPUTED_COLLECTIONS`) the stack's configuration sets, from its synthesized
 * JSON. A stack not synthesized here declares none: its refreshed collections never hide a hand-made change.
 */
function configuredAttributes(outdir: string, stack: string): ConfiguredAttribute {
  const set = new Set<string>();
  for (const r of synthesizedResources(outdir, stack) ?? []) {
    for (const attr of COMPUTED_COLLECTIONS[r.type] ?? []) if (r.config[attr] !== undefined) set.add(`${r.address}|${attr}`);
  }
  // A counted resource's state address carries its index (`aws_route_table.x[0]`); the configuration's does not.
  return (address, attr) => set.has(`${address.replace(/\[[^\]]*\]$/, '')}|${attr}`);
}

/** The emulator endpoint of a sandbox entry (or of a sandbox global stack) in this account and region. */
function sandboxEndpoint(catalogue: Catalogue, account: string, region: string): string | undefined {
  const entry = catalogue.regions.find((e) => e.account === account && e.region === region);
  return entry?.sandbox?.awsEndpoint ?? (catalogue.global.account === account ? catalogue.global.sandbox?.awsEndpoint : undefined);
}
