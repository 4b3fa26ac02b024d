import type { z } from 'zod';
import { LICENSE_FEATURES, replicationProblems, ReplicationRuleSpec } from '../lib/artifactory/replication';
import { isKnownRegion, zoneCapacity } from '../lib/cloud/cloud-regions';
import { databaseSizeCheck } from '../lib/cloud/instance-types';
import { cpuCores, memoryGib, nodeAllocatable } from '../lib/cloud/node-allocatable';
import { CLOUD_NAME_RULES, cloudNameProblem } from '../lib/cloud/name-rules';
import type { AccessGrant, NodePoolProps } from '../lib/cluster/cluster';
import { accessGrantProblems, AKS_DEFAULT_POD_CIDR, AKS_DEFAULT_SERVICE_CIDR, nodePoolNameProblem, nodePoolProblems, RESERVED_NAMESPACES } from '../lib/cluster/cluster-rules';
import { AKS_KUBERNETES_VERSIONS, EKS_KUBERNETES_VERSIONS } from '../lib/cluster/kubernetes-versions';
import { cidrsOverlap, isIpv4Cidr } from '../lib/private/cidr';
import { CLOUDWATCH_RETENTION_DAYS } from '../lib/private/cloudwatch';
import { cloudNamesOf } from './cloud-names';
import { gitOpsIssues } from './gitops-checks';
import { vmServiceIssues } from './vm-service-checks';
import { CI_GRANTS, stackNameOf } from './stack-names';

/*
 * Checks that need more than one field, or the entry's cloud. The input may be partly invalid here (field errors are
 * reported by the zod shapes), so every read is guarded: a check only fires on values that are themselves
 * well-formed. The rules are the constructs' own (cluster-rules.ts, name-rules.ts, instance-types.ts): what passes
 * here, the constructs accept. Other entries are named by id; an entry whose id repeats an earlier one is reported
 * once and left out of the checks between entries, so that one copy-paste does not cascade into many lines.
 */

type Loose = Record<string, unknown>;
type Path = (string | number)[];
type Issue = (path: Path, message: string) => void;

const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
/** A number or a string, as written (CPU and memory quantities), for messages and parsing. */
const quantity = (v: unknown, fallback: string): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : fallback);
const AWS_ACCOUNT = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cloudOf = (e: Loose): 'aws' | 'azure' | undefined => (e.cloud === 'aws' || e.cloud === 'azure' ? e.cloud : undefined);

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

  checkBetweenEntries(raw, entries, domain, issue);
  checkGlobalNames(raw, entries, domain, issue);
  checkArtifactory(raw, entries, issue);
  checkAutomation(raw, entries, issue);
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

/** Stack names, address ranges, DNS zones, waves and cloud names between entries. */
function checkBetweenEntries(raw: Loose, entries: { e: Loose; i: number; id: string }[], domain: string | undefined, issue: Issue): void {
  const stacks = new Map<string, string>();
  const cidrs: { id: string; cidr: string }[] = [];
  const zones: { id: string; zone: string }[] = [];
  for (const { e, i, id } of entries) {
    const env = str(e.environment);
    const region = str(e.region);
    if (env && region) {
      const stack = stackNameOf({ environment: env, region });
      const other = stacks.get(stack);
      if (other) issue(['regions', i, 'region'], `stack name ${stack} is taken by ${other} (one entry per environment and region)`);
      else stacks.set(stack, id);
    }
    const network = isObj(e.network) ? e.network : {};
    const cidr = str(network.cidr);
    if (cidr && isIpv4Cidr(cidr)) {
      const other = cidrs.find((c) => cidrsOverlap(c.cidr, cidr));
      if (other) issue(['regions', i, 'network', 'cidr'], `overlaps ${other.id} (${other.cidr}); regions must stay routable to each other`);
      cidrs.push({ id, cidr });
    }
    const zone = isObj(e.dns) ? str(e.dns.zone) : undefined;
    // Only proper sub-zones of the domain are compared (anything else is reported as such on its own).
    if (zone && (!domain || zone.endsWith(`.${domain}`))) {
      const same = zones.find((z) => z.zone === zone);
      const nested = zones.find((z) => zone.endsWith(`.${z.zone}`) || z.zone.endsWith(`.${zone}`));
      if (same) issue(['regions', i, 'dns', 'zone'], `is also ${same.id}'s zone; each region owns its own sub-zone`);
      else if (nested) issue(['regions', i, 'dns', 'zone'], `nests with ${nested.id}'s zone ${nested.zone}; delegated sub-zones must not contain each other`);
      zones.push({ id, zone });
    }
  }

  const waves = (env: string) =>
    entries.flatMap(({ e, i, id }) => {
      const wave = int(e.wave);
      return e.environment === env && wave !== undefined ? [{ i, id, wave }] : [];
    });
  const staging = waves('staging');
  if (staging.length > 0) {
    const last = staging.reduce((m, s) => (s.wave > m.wave ? s : m));
    for (const prod of waves('prod')) {
      if (prod.wave <= last.wave) issue(['regions', prod.i, 'wave'], `prod must roll out after staging (${last.id} is wave ${last.wave})`);
    }
  }

  // The canary is one production region alone in the first production wave, and health checks name entries.
  const prodWaves = waves('prod');
  if (prodWaves.length > 1) {
    const first = Math.min(...prodWaves.map((p) => p.wave));
    const canary = prodWaves.filter((p) => p.wave === first);
    if (canary.length > 1) for (const c of canary.slice(1)) issue(['regions', c.i, 'wave'], `the first production wave (${first}) is the canary and holds one region; ${canary[0].id} is already in it`);
  }
  const checks = isObj(raw.rollout) && isObj(raw.rollout.healthChecks) ? raw.rollout.healthChecks : {};
  for (const id of Object.keys(checks)) {
    if (!entries.some((e) => e.id === id)) issue(['rollout', 'healthChecks', id], `names no catalogue entry (have: ${entries.map((e) => e.id).join(', ')})`);
  }

  // Names unique everywhere (buckets, storage accounts) or per account: derived ones and the state stores.
  const seen = new Map<string, string>();
  const claim = (key: string, owner: string, path: Path, what: string) => {
    const other = seen.get(key);
    if (other && other !== owner) issue(path, `${what} is also used by ${other}`);
    else seen.set(key, owner);
  };
  for (const { e, i, id } of entries) {
    const cloud = cloudOf(e);
    if (!cloud || !str(e.id)) continue;
    const artifactory = isObj(e.artifactory) ? e.artifactory : undefined;
    for (const n of cloudNamesOf({ id, cloud, artifactory })) {
      const rule = CLOUD_NAME_RULES[n.kind];
      const scope = rule.unique === 'global' ? '' : rule.unique === 'account' ? `${str(e.account)}/` : `${str(e.account)}/${str(e.region)}/`;
      claim(`${n.kind}:${scope}${n.name.toLowerCase()}`, id, ['regions', i, 'id'], `the derived ${rule.what} name "${n.name}"`);
    }
  }
  const stateOwners: { st: Loose; path: Path; owner: string }[] = [
    ...(isObj(raw.global) && isObj(raw.global.state) ? [{ st: raw.global.state, path: ['global', 'state'], owner: 'global' }] : []),
    ...entries.flatMap(({ e, i, id }) => (isObj(e.state) ? [{ st: e.state, path: ['regions', i, 'state'], owner: id }] : [])),
  ];
  for (const { st, path, owner } of stateOwners) {
    const bucket = str(st.bucket);
    const account = str(st.storageAccount);
    // A state store is shared by design: it may only clash with a name some construct derives.
    if (bucket && seen.has(`s3-bucket:${bucket}`)) issue([...path, 'bucket'], `the state bucket "${bucket}" is also the derived bucket of ${seen.get(`s3-bucket:${bucket}`)}`);
    if (account && seen.has(`storage-account:${account}`)) issue([...path, 'storageAccount'], `the state storage account "${account}" is also derived for ${seen.get(`storage-account:${account}`)}`);
    void owner;
  }
}

function checkGlobalNames(raw: Loose, entries: { e: Loose; id: string }[], domain: string | undefined, issue: Issue): void {
  if (!isObj(raw.globalNames)) return;
  const ids = new Set(entries.map((x) => x.id));
  const zones = entries.flatMap(({ e, id }) => {
    const zone = isObj(e.dns) ? str(e.dns.zone) : undefined;
    return zone ? [{ id, zone }] : [];
  });
  for (const [label, spec] of Object.entries(raw.globalNames)) {
    if (domain) {
      const fqdn = `${label}.${domain}`;
      const clash = zones.find((z) => z.zone === fqdn || z.zone.endsWith(`.${fqdn}`));
      if (clash) issue(['globalNames', label], `${fqdn} is ${clash.zone === fqdn ? '' : 'above '}${clash.id}'s delegated zone; a name cannot be both a record and a delegation`);
    }
    if (!isObj(spec) || !Array.isArray(spec.regions)) continue;
    const listed = new Map<string, number>();
    spec.regions.forEach((rid, i) => {
      if (typeof rid !== 'string') return;
      if (!ids.has(rid)) issue(['globalNames', label, 'regions', i], 'no catalogue entry has this id');
      // Twice would be two latency records with one set identifier: Route53 refuses the change.
      if (listed.has(rid)) issue(['globalNames', label, 'regions', i], `${rid} is listed already (item ${listed.get(rid)}); each region serves a global name once`);
      else listed.set(rid, i);
    });
  }
}

function checkArtifactory(raw: Loose, entries: { e: Loose; i: number; id: string }[], issue: Issue): void {
  const replication = isObj(raw.replication) ? raw.replication : {};
  const license = (['pro', 'enterprise', 'enterprise-plus'] as const).find((l) => l === replication.license) ?? 'enterprise';
  const roles = new Map<string, 'primary' | 'replica' | undefined>();
  for (const { e, id } of entries) {
    const role = isObj(e.artifactory) ? e.artifactory.role : undefined;
    roles.set(id, role === 'primary' || role === 'replica' ? role : undefined);
  }
  if (isObj(replication.rules)) {
    // Copies, not the input: only rules whose shape is right are checked here (field errors come from the schema).
    const wellFormed: Record<string, ReplicationRuleSpec> = {};
    for (const [ruleName, r] of Object.entries(replication.rules)) {
      const to = isObj(r) ? strings(r.to) : undefined;
      const repositories = isObj(r) ? strings(r.repositories) : undefined;
      if (!isObj(r) || !to || !repositories || (r.mode !== 'push' && r.mode !== 'pull')) continue;
      wellFormed[ruleName] = { repositories, to, from: str(r.from), mode: r.mode, schedule: str(r.schedule), eventBased: r.eventBased === true };
    }
    for (const p of replicationProblems(wellFormed, roles, license)) issue(['replication', 'rules', ...p.path], p.message);
  }
  const primaries: { i: number; id: string }[] = [];
  for (const { e, i, id } of entries) {
    if (!isObj(e.artifactory)) continue;
    if (e.artifactory.role === 'primary') primaries.push({ i, id });
    const replicas = int(e.artifactory.replicas);
    if (replicas !== undefined && replicas > 1 && !LICENSE_FEATURES[license].ha) {
      issue(['regions', i, 'artifactory', 'replicas'], `more than one node is Artifactory HA, which needs an Enterprise license (replication.license is ${license})`);
    }
  }
  if (primaries.length === 0) issue(['regions'], 'exactly one entry needs artifactory.role "primary", found none');
  for (const p of primaries.slice(1)) issue(['regions', p.i, 'artifactory', 'role'], `second Artifactory primary (the first is ${primaries[0].id}); exactly one is allowed`);
}

function checkAutomation(raw: Loose, entries: { e: Loose; i: number }[], issue: Issue): void {
  const automation = isObj(raw.automation) && isObj(raw.automation.environments) ? raw.automation.environments : undefined;
  if (!automation) return;
  for (const { e, i } of entries) {
    const env = str(e.environment);
    const cloud = cloudOf(e);
    if (!env || !['dev', 'staging', 'prod'].includes(env) || !cloud) continue;
    const ids = automation[env];
    if (!isObj(ids)) issue(['regions', i, 'environment'], `automation.environments has no "${env}" entry (CI identities and runners for it)`);
    else if (!isObj(ids[cloud])) issue(['regions', i, 'cloud'], `automation.environments.${env} names no ${cloud} CI identities`);
    if (isObj(e.cluster) && isObj(e.cluster.access)) {
      for (const reserved of Object.values(CI_GRANTS)) {
        if (reserved in e.cluster.access) issue(['regions', i, 'cluster', 'access', reserved], 'reserved for the CI identities of automation');
      }
    }
  }
  if (!isObj(automation.prod) || !isObj(automation.prod.aws)) issue(['automation', 'environments', 'prod', 'aws'], 'the global stack runs with the prod aws CI identities; name them');
}
