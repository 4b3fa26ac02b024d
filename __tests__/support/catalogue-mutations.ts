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
];

/** The default catalogue with zero to four generated changes. */
export function mutatedCatalogue(): fc.Arbitrary<CatalogueInput> {
  return fc.array(fc.oneof(...mutations), { minLength: 0, maxLength: 4 }).map((changes) => {
    const c = catalogueCopy();
    for (const change of changes) change(c);
    return c;
  });
}
