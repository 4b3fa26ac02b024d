import { LICENSE_FEATURES, replicationProblems, ReplicationRuleSpec } from '../lib/artifactory/replication';
import { CLOUD_NAME_RULES } from '../lib/cloud/name-rules';
import { cidrsOverlap, isIpv4Cidr } from '../lib/private/cidr';
import { cloudNamesOf } from './cloud-names';
import { cloudOf, int, isObj, Issue, Loose, Path, str, strings } from './loose-input';
import { CI_GRANTS, stackNameOf } from './stack-names';

/*
 * The checks between the catalogue's entries, and of the catalogue-wide sections that name them (global names,
 * Artifactory replication, automation): each entry is already checked on its own (cross-checks.ts). Other entries
 * are named by id.
 */

/** Every check between entries; `entries` are the well-formed ones whose id is the first of its kind. */
export function fleetIssues(raw: Loose, entries: { e: Loose; i: number; id: string }[], domain: string | undefined, issue: Issue): void {
  checkBetweenEntries(raw, entries, domain, issue);
  checkGlobalNames(raw, entries, domain, issue);
  checkArtifactory(raw, entries, issue);
  checkAutomation(raw, entries, issue);
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
