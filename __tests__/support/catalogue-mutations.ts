import fc from 'fast-check';
import type { CatalogueInput } from '../../regions/schema';
import { catalogueCopy } from './catalogue';

type Mutation = (c: any) => void;
const entry = (c: any, i: number) => c.regions[i % c.regions.length];

/** Plausible changes to a catalogue — legal variations and the mistakes engineers make — as arbitraries. */
const mutations: fc.Arbitrary<Mutation>[] = [
  fc.tuple(fc.nat(4), fc.constantFrom('10.60.0.0/16', '10.060.0.0/16', '10.61.0/16', '172.16.0.0/16', '192.168.0.0/16', '10.70.0.0/20', '10.70.0.0/24', '10.10.0.0/16')).map(
    ([i, cidr]) => (c) => void (entry(c, i).network.cidr = cidr),
  ),
  fc.tuple(fc.nat(4), fc.integer({ min: 1, max: 7 })).map(([i, n]) => (c) => void (entry(c, i).network.zoneCount = n)),
  fc.tuple(fc.nat(4), fc.constantFrom(['m6i.large'], ['Standard_D4s_v5'], ['c7g.2xlarge', 'm6g.2xlarge'], ['x9z.large'], ['m6i.large', 'm5.large'], ['Standard_E8s_v5'])).map(
    ([i, types]) => (c) => {
      (Object.values(entry(c, i).cluster.nodePools).at(-1) as any).instanceTypes = types;
    },
  ),
  fc.tuple(fc.nat(4), fc.constantFrom(20, 30, 100, 2048, 4096, 16384, 20000)).map(([i, gb]) => (c) => void ((Object.values(entry(c, i).cluster.nodePools)[0] as any).diskSizeGb = gb)),
  fc.tuple(fc.nat(4), fc.constantFrom('gp', 'general-purpose', 'generalpurpose1', 'workers', 'Workers')).map(([i, name]) => (c) => {
    const pools = entry(c, i).cluster.nodePools;
    pools[name] = pools.general;
    delete pools.general;
  }),
  fc.tuple(fc.nat(4), fc.constantFrom('team-a', 'default', 'kube-system', 'argocd', 'payments-api')).map(([i, ns]) => (c) => {
    entry(c, i).cluster.namespaces = { ...entry(c, i).cluster.namespaces, [ns]: { quota: { pods: 200 } } };
  }),
  fc.tuple(fc.nat(4), fc.constantFrom('arn:aws:iam::333333333333:role/auditors', '0c6f1e4a-0000-4000-8000-0000000000b9', 'auditors')).map(
    ([i, principal]) => (c) => void (entry(c, i).cluster.access = { ...entry(c, i).cluster.access, auditors: { principal, policy: 'view' } }),
  ),
  fc.tuple(fc.nat(4), fc.constantFrom(30, 45, 90, 731, 1000)).map(([i, days]) => (c) => void (entry(c, i).cluster.logRetentionDays = days)),
  fc.tuple(fc.nat(4), fc.constantFrom('x.kore.example.com', 'eu.prod.kore.example.com', 'kore.example.com', 'dev-use1.kore.example.com', 'a.dev-use1.kore.example.com')).map(
    ([i, zone]) => (c) => void (entry(c, i).dns.zone = zone),
  ),
  fc.tuple(fc.constantFrom(2, 3), fc.constantFrom('db.r6g.large', 'GP_Standard_D4ds_v5', 'db.t4g.medium', 'large')).map(
    ([i, size]) => (c) => void (c.regions[i].artifactory.database.size = size),
  ),
  fc.tuple(fc.nat(4), fc.constantFrom('a', 'eu', 'prod-west-europe-main', 'prod-west-europe-main1', 'prod-us-east-1-primary-canary-region-x')).map(([i, id]) => (c) => {
    const old = entry(c, i).id;
    const text = JSON.stringify(c).replaceAll(`"${old}"`, `"${id}"`);
    Object.assign(c, JSON.parse(text));
  }),
  // Two entries sharing one state store, with the same or different settings.
  fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('same', 'other-lock', 'other-region')).map(([i, j, how]) => (c) => {
    const a = entry(c, i);
    const b = entry(c, j);
    if (a.state.backend !== 's3' || b.state.backend !== 's3') return;
    a.state = { ...b.state, ...(how === 'other-lock' ? { lockTable: 'kore-other-lock' } : how === 'other-region' ? { region: 'eu-west-1' } : {}) };
  }),
  // A region listed twice under a global name; a global name over regions of one cloud only.
  fc.constantFrom('repeat', 'aws-only').map((how) => (c) => {
    const g = c.globalNames?.artifactory;
    if (!g) return;
    g.regions = how === 'repeat' ? [...g.regions, g.regions[0]] : g.regions.filter((r: string) => r !== 'prod-weu');
  }),
  // VM services: a bumped image, a larger group, a second service, a mistake.
  fc.constantFrom('bump', 'large', 'second', 'public').map((how) => (c) => {
    const e = c.regions.find((r: any) => r.vmServices?.length);
    if (!e) return;
    const s = e.vmServices[0];
    if (how === 'bump') s.image = { ami: 'ami-0123456789abcdef0' };
    else if (how === 'large') s.capacity = { min: 10, desired: 12, max: 40 };
    else if (how === 'second') e.vmServices.push({ ...s, name: 'reports', ports: [9443], healthCheck: { path: '/ready' } });
    else s.subnetTier = 'public';
  }),
];

/** The default catalogue with zero to four generated changes. */
export function mutatedCatalogue(): fc.Arbitrary<CatalogueInput> {
  return fc.array(fc.oneof(...mutations), { minLength: 0, maxLength: 4 }).map((changes) => {
    const c = catalogueCopy();
    for (const change of changes) change(c);
    return c;
  });
}
