import type { z } from 'zod';
import { isKnownRegion, zoneCapacity } from '../lib/cloud/cloud-regions';
import { databaseSizeCheck } from '../lib/cloud/instance-types';
import { cpuCores, memoryGib, nodeAllocatable } from '../lib/cloud/node-allocatable';
import { cloudNameProblem } from '../lib/cloud/name-rules';
import type { AccessGrant, NodePoolProps } from '../lib/cluster/cluster';
import { accessGrantProblems, AKS_DEFAULT_POD_CIDR, AKS_DEFAULT_SERVICE_CIDR, nodePoolNameProblem, nodePoolProblems, RESERVED_NAMESPACES } from '../lib/cluster/cluster-rules';
import { AKS_KUBERNETES_VERSIONS, EKS_KUBERNETES_VERSIONS } from '../lib/cluster/kubernetes-versions';
import { cidrsOverlap, isIpv4Cidr } from '../lib/private/cidr';
import { CLOUDWATCH_RETENTION_DAYS } from '../lib/private/cloudwatch';
import { cloudNamesOf } from './cloud-names';
import { fleetIssues } from './fleet-checks';
import { gitOpsIssues } from './gitops-checks';
import { cloudOf, int, isObj, Issue, Loose, Path, quantity, str, strings } from './loose-input';
import { vmServiceIssues } from './vm-service-checks';

/*
 * Checks that need more than one field, or the entry's cloud. The input may be partly invalid here (field errors are
 * reported by the zod shapes), so every read is guarded: a check only fires on values that are themselves
 * well-formed. The rules are the constructs' own (cluster-rules.ts, name-rules.ts, instance-types.ts): what passes
 * here, the constructs accept. Other entries are named by id; an entry whose id repeats an earlier one is reported
 * once and left out of the checks between entries, so that one copy-paste does not cascade into many lines.
 */

const AWS_ACCOUNT = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What is legal but worth a look in a valid catalogue (a node size of an unlisted family: its capacity cannot be
 * checked), as `<entry>.<path>: <message>` lines.
 */
export function catalogueWarnings(catalogue: { regions: readonly { id: string; cloud: 'aws' | 'azure'; cluster: { nodePools: Readonly<Record<string, NodePoolProps>> } }[] }): string[] {
  return catalogue.regions.flatMap((e) =>
    Object.entries(e.cluster.nodePools).flatMap(([name, pool]) =>
      nodePoolProblems(e.cloud, pool).filter((p) => p.warning).map((p) => `${e.id}.cluster.nodePools.${name}.${p.path}: ${p.message}`),
    ),
  );
}

export function crossChecks(raw: unknown, ctx: z.RefinementCtx): void {
  if (!isObj(raw)) return;
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  const regions = Array.isArray(raw.regions) ? raw.regions : [];
  const domain = str(raw.domain);

  if (isObj(raw.global)) checkCloudFields(raw.global, ['global'], issue);

  // Entries taking part in the checks between entries: well-formed objects whose id is the first of its kind.
  const entries: { e: Loose; i: number; id: string }[] = [];
  const firstById = new Map<string, string | number>();
  regions.forEach((e, i) => {
    if (!isObj(e)) return;
    const id = str(e.id);
    if (id !== undefined && firstById.has(id)) {
      issue(['regions', i, 'id'], `duplicate id: entry ${Number(firstById.get(id)) + 1} of the list has it already; ids must be unique`);
      return;
    }
    if (id !== undefined) firstById.set(id, i);
    checkEntry(e, ['regions', i], domain, issue);
    entries.push({ e, i, id: id ?? `entry ${i + 1}` });
  });

  fleetIssues(raw, entries, domain, issue);
  gitOpsIssues(raw, entries, issue);
}

/** What one entry must satisfy on its own, given its cloud. */
function checkEntry(e: Loose, at: Path, domain: string | undefined, issue: Issue): void {
  checkCloudFields(e, at, issue);
  const cloud = cloudOf(e);
  const region = str(e.region);
  const network = isObj(e.network) ? e.network : {};
  const cluster = isObj(e.cluster) ? e.cluster : {};

  const zoneCount = int(network.zoneCount);
  if (cloud && region && isKnownRegion(cloud, region) && zoneCount !== undefined && zoneCount > zoneCapacity(cloud, region)) {
    issue([...at, 'network', 'zoneCount'], `${region} has only ${zoneCapacity(cloud, region)} availability zones`);
  }
  const cidr = str(network.cidr);
  // A VPC's primary range is /16 to /28 (the schema already asks /20 or larger); a VNet may be larger.
  if (cloud === 'aws' && cidr && isIpv4Cidr(cidr) && Number(cidr.split('/')[1]) < 16) issue([...at, 'network', 'cidr'], `an AWS VPC is /16 at the largest (got "${cidr}")`);
  if (cloud === 'azure' && cidr && isIpv4Cidr(cidr)) {
    for (const [what, overlay] of [['pod', AKS_DEFAULT_POD_CIDR], ['service', AKS_DEFAULT_SERVICE_CIDR]] as const) {
      if (cidrsOverlap(cidr, overlay)) issue([...at, 'network', 'cidr'], `overlaps the AKS ${what} range ${overlay}; pick a VNet range outside it`);
    }
  }
  checkRetention(cloud, int(network.flowLogRetentionDays), [...at, 'network', 'flowLogRetentionDays'], issue, 'aws-only');
  checkRetention(cloud, int(cluster.logRetentionDays), [...at, 'cluster', 'logRetentionDays'], issue, 'both');

  const version = str(cluster.kubernetesVersion);
  const supported = cloud === 'azure' ? AKS_KUBERNETES_VERSIONS : EKS_KUBERNETES_VERSIONS;
  if (cloud && version && /^1\.\d+$/.test(version) && !supported.includes(version)) {
    issue([...at, 'cluster', 'kubernetesVersion'], `unsupported on ${cloud === 'aws' ? 'EKS' : 'AKS'}; supported: ${supported.join(', ')}`);
  }
  if (cloud && isObj(cluster.nodePools)) checkNodePools(cloud, cluster.nodePools, [...at, 'cluster', 'nodePools'], issue);

  const declared = isObj(cluster.namespaces) ? Object.keys(cluster.namespaces) : [];
  for (const ns of declared) {
    if (RESERVED_NAMESPACES.includes(ns)) issue([...at, 'cluster', 'namespaces', ns], `"${ns}" is created by Kubernetes or the platform itself; choose another name`);
  }
  if (isObj(cluster.access)) {
    for (const [grantName, grant] of Object.entries(cluster.access)) {
      if (!isObj(grant)) continue;
      const namespaces = strings(grant.namespaces);
      namespaces?.forEach((ns, k) => {
        if (!declared.includes(ns)) issue([...at, 'cluster', 'access', grantName, 'namespaces', k], `not declared in cluster.namespaces (have: ${declared.join(', ') || 'none'})`);
      });
      const principal = str(grant.principal);
      const policy = str(grant.policy);
      if (cloud && principal !== undefined && policy && ['cluster-admin', 'admin', 'edit', 'view', 'view-all'].includes(policy)) {
        const g = { principal, policy, namespaces, principalType: grant.principalType } as AccessGrant;
        for (const p of accessGrantProblems(cloud, g)) issue([...at, 'cluster', 'access', grantName, p.path], p.message);
      }
    }
  }

  const dns = isObj(e.dns) ? e.dns : {};
  const zone = str(dns.zone);
  if (zone && domain && !zone.endsWith(`.${domain}`)) issue([...at, 'dns', 'zone'], `must be a sub-zone of the catalogue domain ${domain}`);

  const artifactory = isObj(e.artifactory) ? e.artifactory : undefined;
  const database = artifactory && isObj(artifactory.database) ? artifactory.database : undefined;
  const dbSize = database ? str(database.size) : undefined;
  if (cloud && dbSize) {
    const check = databaseSizeCheck(cloud, dbSize);
    if (check && 'error' in check) issue([...at, 'artifactory', 'database', 'size'], check.error);
  }
  if (cloud && artifactory && isObj(cluster.nodePools)) checkArtifactoryFits(cloud, artifactory, cluster.nodePools, [...at, 'artifactory', 'resources'], issue);
  const storageGb = database ? int(database.storageGb) : undefined;
  if (cloud === 'azure' && storageGb !== undefined && storageGb < 32) issue([...at, 'artifactory', 'database', 'storageGb'], 'Azure PostgreSQL flexible servers start at 32 GB');
  const argo = isObj(cluster.argoCd) ? cluster.argoCd : undefined;
  // (An Artifactory entry without a vault is reported once, below.)
  if (cloud === 'azure' && argo?.sso !== undefined && !artifactory) {
    issue([...at, 'cluster', 'argoCd', 'sso'], "needs a Key Vault for its client secret (artifactory.keyVault is the entry's vault)");
  }
  if (cloud === 'azure' && artifactory && artifactory.keyVault === undefined) issue([...at, 'artifactory', 'keyVault'], 'azure entries name the Key Vault holding the Artifactory secrets');
  if (cloud === 'aws' && artifactory && artifactory.keyVault !== undefined) issue([...at, 'artifactory', 'keyVault'], 'is for azure entries (AWS keeps the secrets in Secrets Manager)');

  // Names the cloud will see, derived from the id by the constructs themselves.
  const id = str(e.id);
  if (cloud && id && /^[a-z][a-z0-9-]*[a-z0-9]$/.test(id)) {
    // One line for one cause: a long id breaks several derived names at once.
    const broken = cloudNamesOf({ id, cloud, artifactory }).flatMap((n) => cloudNameProblem(n) ?? []);
    if (broken.length > 0) issue([...at, 'id'], `${broken[0]}${broken.length > 1 ? ` (and ${broken.length - 1} more derived name${broken.length > 2 ? 's' : ''})` : ''}; shorten the id`);
    // One line for one cause: a VM service's names are checked once the id's own derived names fit.
    vmServiceIssues(e, cloud, at, issue, broken.length === 0);
  } else {
    vmServiceIssues(e, cloud, at, issue, false);
  }
  if (e.sandbox !== undefined && cloud !== 'aws') issue([...at, 'sandbox'], 'sandbox endpoints exist for aws entries only');
}

/**
 * Artifactory's pods (no tolerations) must fit the allocatable capacity of a pool without NoSchedule/NoExecute
 * taints; an atomic release whose pods stay Pending times out and rolls back. Pools of unlisted sizes are not
 * judged (their size is warned about).
 */
function checkArtifactoryFits(cloud: 'aws' | 'azure', artifactory: Loose, pools: Loose, at: Path, issue: Issue): void {
  const resources = isObj(artifactory.resources) ? artifactory.resources : {};
  const cpuText = quantity(resources.cpu, '2');
  const memoryText = quantity(resources.memory, '8Gi');
  const cpu = cpuCores(cpuText);
  const memory = memoryGib(memoryText);
  if (cpu === undefined || memory === undefined) return;
  const verdicts: string[] = [];
  for (const [name, pool] of Object.entries(pools)) {
    if (!isObj(pool)) continue;
    const repelling = (Array.isArray(pool.taints) ? pool.taints : []).filter((t) => isObj(t) && (t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
    if (repelling.length > 0) {
      verdicts.push(`${name}: tainted ${repelling.map((t) => String((t as Loose).key)).join(', ')}`);
      continue;
    }
    const sizes = strings(pool.instanceTypes) ?? [];
    const fits = sizes.flatMap((s) => {
      const a = nodeAllocatable(cloud, s);
      return a ? [{ s, a }] : [];
    });
    // A pool without sizes is reported on its own; one of an unlisted size cannot be judged.
    if (fits.length === 0 || fits.length < sizes.length) return;
    // The smallest size of the pool decides: the pod may land on any of them.
    const smallest = fits.reduce((m, f) => (f.a.vcpu < m.a.vcpu || f.a.memoryGib < m.a.memoryGib ? f : m));
    if (smallest.a.vcpu >= cpu && smallest.a.memoryGib >= memory) return;
    verdicts.push(`${name}: ${smallest.s} allocates about ${smallest.a.vcpu} CPU / ${smallest.a.memoryGib}Gi`);
  }
  issue(at, `${cpuText} CPU / ${memoryText} fit no node pool Artifactory can be scheduled on (${verdicts.join('; ')})`);
}

function checkRetention(cloud: 'aws' | 'azure' | undefined, days: number | undefined, at: Path, issue: Issue, scope: 'aws-only' | 'both'): void {
  if (days === undefined || !cloud) return;
  if (cloud === 'aws' && !CLOUDWATCH_RETENTION_DAYS.includes(days)) issue(at, `CloudWatch keeps logs for one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')} days`);
  if (cloud === 'azure' && scope === 'both' && (days < 30 || days > 730)) issue(at, 'Log Analytics keeps 30 to 730 days');
}

function checkNodePools(cloud: 'aws' | 'azure', pools: Loose, at: Path, issue: Issue): void {
  for (const [poolName, pool] of Object.entries(pools)) {
    const nameProblem = nodePoolNameProblem(cloud, poolName);
    if (nameProblem) issue([...at, poolName], nameProblem);
    if (!isObj(pool)) continue;
    const types = strings(pool.instanceTypes);
    const [min, desired, max] = [int(pool.minSize), int(pool.desiredSize), int(pool.maxSize)];
    // An empty list is the shape's own error; the rules below judge sizes that are there.
    if (!types || types.length === 0 || min === undefined || desired === undefined || max === undefined) continue;
    const props: NodePoolProps = { instanceTypes: types, minSize: min, desiredSize: desired, maxSize: max, diskSizeGb: int(pool.diskSizeGb) };
    for (const p of nodePoolProblems(cloud, props)) {
      if (!p.warning) issue([...at, poolName, ...p.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))], p.message);
    }
  }
  if (cloud === 'azure') {
    const system = pools.system;
    if (!isObj(system)) issue(at, `AKS needs a pool named "system" (the default pool, for critical add-ons); have: ${Object.keys(pools).join(', ') || 'none'}`);
    else if (int(system.minSize) === 0) issue([...at, 'system', 'minSize'], 'the AKS system pool needs at least one node');
  }
}

/** Region name, account id format and state backend must all agree with the entry's cloud. */
function checkCloudFields(entry: Loose, at: Path, issue: Issue): void {
  const cloud = cloudOf(entry);
  if (!cloud) return;
  const region = str(entry.region);
  if (region !== undefined && !isKnownRegion(cloud, region)) issue([...at, 'region'], `not a known ${cloud} region`);
  const account = str(entry.account);
  if (account !== undefined) {
    if (cloud === 'aws' && !AWS_ACCOUNT.test(account)) issue([...at, 'account'], 'an AWS account id is 12 digits');
    if (cloud === 'azure' && !UUID.test(account)) issue([...at, 'account'], 'an Azure subscription id is a UUID');
  }
  if (cloud === 'azure' && entry.tenantId === undefined) issue([...at, 'tenantId'], 'azure entries need the Entra ID tenant id');
  if (cloud === 'aws' && entry.tenantId !== undefined) issue([...at, 'tenantId'], 'is for azure entries only');
  const st = isObj(entry.state) ? entry.state : undefined;
  const backend = st ? str(st.backend) : undefined;
  if (backend === 's3' && cloud !== 'aws') issue([...at, 'state', 'backend'], 'an azure entry keeps its state in azurerm');
  if (backend === 'azurerm' && cloud === 'aws') issue([...at, 'state', 'backend'], 'an aws entry keeps its state in s3');
  const stateRegion = st ? str(st.region) : undefined;
  if (backend === 's3' && stateRegion !== undefined && !isKnownRegion('aws', stateRegion)) issue([...at, 'state', 'region'], 'not a known aws region');
  const stateLocation = st ? str(st.location) : undefined;
  if (backend === 'azurerm' && stateLocation !== undefined && !isKnownRegion('azure', stateLocation)) issue([...at, 'state', 'location'], `not a known azure region (got "${stateLocation}")`);
}
