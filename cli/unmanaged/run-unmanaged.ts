import { join } from 'node:path';
import type { Catalogue } from '../../regions/schema';
import type { AwsApi } from '../aws/aws-cli';
import type { StackListing } from '../stacks';
import type { TerraformRunner } from '../terraform';
import { applyIgnores, IgnoreEntry } from './ignore-file';
import { addManagedState, emptyManagedSet, ManagedSet, ShowStateJson } from './managed-state';
import { scanUnmanaged, UnmanagedFinding } from './scan';

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
  readonly ignores: readonly IgnoreEntry[];
  readonly log: (line: string) => void;
}

/**
 * Scans each AWS account and region of the selected stacks for fleet resources no state holds. The states of every
 * stack in that account are read (`terraform show -json`), so a resource another stack manages is never reported.
 */
export async function runUnmanagedScan(o: RunUnmanagedOptions): Promise<UnmanagedReport> {
  const aws = o.stacks.filter((s) => s.cloud === 'aws' && s.layer !== 'bootstrap');
  const targets = new Map<string, { account: string; region: string }>();
  for (const s of aws.filter((x) => o.selected.includes(x.stack))) {
    const account = s.credentials.cloud === 'aws' ? s.credentials.account : '';
    targets.set(`${account}/${s.region}`, { account, region: s.region });
  }
  const managedByAccount = new Map<string, ManagedSet>();
  const errors: string[] = [];
  const findings: UnmanagedFinding[] = [];
  const globalDone = new Set<string>();
  for (const { account, region } of targets.values()) {
    let managed = managedByAccount.get(account);
    if (!managed) {
      managed = emptyManagedSet();
      for (const s of aws.filter((x) => x.credentials.cloud === 'aws' && x.credentials.account === account)) {
        const cwd = join(o.outdir, 'stacks', s.stack);
        const init = await o.runner.run(['init', '-input=false'], { cwd, env: o.env });
        const show = init.code === 0 ? await o.runner.run(['show', '-json'], { cwd, env: o.env }) : init;
        if (show.code !== 0) {
          errors.push(`${account}: state of ${s.stack} unreadable: ${(show.stderr || show.stdout).trim().split('\n').find((l) => /Error/.test(l)) ?? `exit ${show.code}`}`);
          continue;
        }
        addManagedState(JSON.parse(show.stdout || '{}') as ShowStateJson, managed);
      }
      managedByAccount.set(account, managed);
    }
    const entry = o.catalogue.regions.find((e) => e.account === account && e.region === region);
    const endpoint = entry?.sandbox?.awsEndpoint ?? (o.catalogue.global.account === account ? o.catalogue.global.sandbox?.awsEndpoint : undefined);
    try {
      const found = await scanUnmanaged(o.api, { account, region, endpoint, fleetTagKey: FLEET_TAG_KEY, rolePrefix: FLEET_NAME_PREFIX, includeGlobal: !globalDone.has(account) }, managed);
      globalDone.add(account);
      o.log(`unmanaged: ${account}/${region}: ${found.length} finding(s)`);
      findings.push(...found);
    } catch (e) {
      errors.push(`${account}/${region}: ${(e as Error).message}`);
    }
  }
  const { reported, ignored } = applyIgnores(findings, o.ignores);
  return { scanned: [...targets.values()], findings: reported, ignored, errors };
}
