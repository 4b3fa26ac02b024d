import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, YAMLMap } from 'yaml';
import { catalogueWarnings } from '../../regions/cross-checks';
import { loadCatalogueFile, parseCatalogue } from '../../regions/load';
import { catalogueCopy, problemsOf } from '../support/catalogue';

/** Renames an entry id everywhere it is referenced (global names, replication rules). */
function renameEntry(c: any, from: string, to: string): any {
  return JSON.parse(JSON.stringify(c).replaceAll(`"${from}"`, `"${to}"`));
}
const entry = (c: any, id: string) => c.regions.find((r: any) => r.id === id);

/*
 * Each class of mistake a platform engineer plausibly makes, refused with the entry and field named — and the legal
 * neighbour of each, accepted. The rules are the constructs' own, so what is accepted here also synthesizes
 * (see catalogue-synth.property.test.ts).
 */
describe('catalogue validation: refused, naming entry and field', () => {
  const cases: [string, (c: any) => any, string][] = [
    ['a leading-zero (octal-looking) octet', (c) => void (entry(c, 'dev-use1').network.cidr = '10.060.0.0/16'), 'dev-use1.network.cidr: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "10.060.0.0/16")'],
    ['a three-octet CIDR', (c) => void (entry(c, 'dev-use1').network.cidr = '10.60.0/16'), 'dev-use1.network.cidr: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "10.60.0/16")'],
    ['a short allow-list address', (c) => void (entry(c, 'dev-use1').cluster.publicAccessCidrs = ['203.0.113/24']), 'dev-use1.cluster.publicAccessCidrs.0: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "203.0.113/24")'],
    ['an Azure VM size on an EKS pool', (c) => void (entry(c, 'dev-use1').cluster.nodePools.general.instanceTypes = ['Standard_D4s_v5']), 'dev-use1.cluster.nodePools.general.instanceTypes.0: "Standard_D4s_v5" is an Azure VM size; EKS nodes take EC2 instance types such as m6i.xlarge'],
    ['an EC2 type on an AKS pool', (c) => void (entry(c, 'prod-weu').cluster.nodePools.general.instanceTypes = ['m6i.xlarge']), 'prod-weu.cluster.nodePools.general.instanceTypes.0: "m6i.xlarge" is an EC2 instance type; AKS nodes take Azure VM sizes such as Standard_D4s_v5'],
    ['an Azure database SKU on RDS', (c) => void (entry(c, 'prod-use1').artifactory.database.size = 'GP_Standard_D4ds_v5'), 'prod-use1.artifactory.database.size: "GP_Standard_D4ds_v5" is an Azure PostgreSQL SKU; RDS takes instance classes such as db.r6g.large'],
    ['an RDS class on Azure PostgreSQL', (c) => void (entry(c, 'prod-weu').artifactory.database.size = 'db.r6g.large'), 'prod-weu.artifactory.database.size: "db.r6g.large" is an RDS instance class; Azure PostgreSQL takes SKUs such as GP_Standard_D4ds_v5'],
    ['an id too long for a derived storage account', (c) => renameEntry(c, 'prod-weu', 'prod-west-europe-main1'), 'prod-west-europe-main1.id: the storage account name "koreprodwesteuropemain1af" (25 characters) breaks the cloud\'s rule: 3-24 lowercase letters or digits; shorten the id (got "prod-west-europe-main1")'],
    ['an id too long for a derived bucket', (c) => renameEntry(c, 'prod-use1', 'prod-us-east-1-primary-canary-region-x'), 'prod-us-east-1-primary-canary-region-x.id: the S3 bucket name "kore-prod-us-east-1-primary-canary-region-x-artifactory-filestore" (65 characters) breaks the cloud\'s rule: 3-63 lowercase letters, digits, dots or dashes, starting and ending alphanumeric (and 2 more derived names); shorten the id (got "prod-us-east-1-primary-canary-region-x")'],
    ['a state bucket that is a derived bucket', (c) => void (c.global.state.bucket = 'kore-prod-use1-artifactory-filestore'), 'global.state.bucket: the state bucket "kore-prod-use1-artifactory-filestore" is also the derived bucket of prod-use1'],
    ['a state storage account that is a derived one', (c) => void (entry(c, 'prod-weu').state.storageAccount = 'koreprodweuaf'), 'prod-weu.state.storageAccount: the state storage account "koreprodweuaf" is also derived for prod-weu'],
    ['a namespace Kubernetes or the platform owns', (c) => void (entry(c, 'dev-use1').cluster.namespaces['kube-system'] = {}), 'dev-use1.cluster.namespaces.kube-system: "kube-system" is created by Kubernetes or the platform itself; choose another name'],
    ['a DNS zone of another entry', (c) => void (entry(c, 'staging-usw2').dns.zone = entry(c, 'dev-use1').dns.zone), `staging-usw2.dns.zone: is also dev-use1's zone; each region owns its own sub-zone (got "dev-use1.kore.example.com")`],
    ['a DNS zone inside another entry\'s zone', (c) => void (entry(c, 'staging-usw2').dns.zone = 'x.dev-use1.kore.example.com'), `staging-usw2.dns.zone: nests with dev-use1's zone dev-use1.kore.example.com; delegated sub-zones must not contain each other (got "x.dev-use1.kore.example.com")`],
    ['the domain itself as a zone', (c) => void (entry(c, 'dev-use1').dns.zone = 'kore.example.com'), 'dev-use1.dns.zone: must be a sub-zone of the catalogue domain kore.example.com (got "kore.example.com")'],
    ['a global name on a delegated zone', (c) => void (c.globalNames['prod-use1'] = { healthCheckPath: '/', regions: ['prod-use1'] }), "globalNames.prod-use1: prod-use1.kore.example.com is prod-use1's delegated zone; a name cannot be both a record and a delegation"],
    ['an AKS cluster without a system pool', (c) => void ((p: any) => ((p.sys = p.system), delete p.system))(entry(c, 'prod-weu').cluster.nodePools), 'prod-weu.cluster.nodePools: AKS needs a pool named "system" (the default pool, for critical add-ons); have: general, sys'],
    ['an AKS pool name over 12 characters', (c) => void ((p: any) => ((p.generalpurpose = p.general), delete p.general))(entry(c, 'prod-weu').cluster.nodePools), 'prod-weu.cluster.nodePools.generalpurpose: AKS pool names are 1-12 lowercase letters or digits, starting with a letter (got "generalpurpose")'],
    ['an EKS pool name over 31 characters', (c) => void ((p: any) => ((p['general-purpose-workers-long-name'] = p.general), delete p.general))(entry(c, 'dev-use1').cluster.nodePools), 'dev-use1.cluster.nodePools.general-purpose-workers-long-name: EKS pool names are lowercase letters, digits and dashes, up to 31 characters (got "general-purpose-workers-long-name")'],
    ['an AKS OS disk over 2048 GB', (c) => void (entry(c, 'prod-weu').cluster.nodePools.general.diskSizeGb = 4096), 'prod-weu.cluster.nodePools.general.diskSizeGb: must be 30-2048 on AKS (got 4096)'],
    ['an Entra id as an AWS principal', (c) => void (entry(c, 'dev-use1').cluster.access.developers.principal = '0c6f1e4a-0000-4000-8000-0000000000b2'), 'dev-use1.cluster.access.developers.principal: an IAM role or user ARN (arn:aws:iam::<account>:role/<name>) (got "0c6f1e4a-0000-4000-8000-0000000000b2")'],
    ['an IAM ARN as an Azure principal', (c) => void (entry(c, 'prod-weu').cluster.access.developers.principal = 'arn:aws:iam::333333333333:role/developers'), 'prod-weu.cluster.access.developers.principal: an Entra ID object id (UUID) (got "arn:aws:iam::333333333333:role/developers")'],
    ['cluster-admin narrowed to namespaces', (c) => void Object.assign(entry(c, 'dev-use1').cluster.access.developers, { policy: 'cluster-admin' }), 'dev-use1.cluster.access.developers.namespaces: cluster-admin is cluster-wide; use "admin" for namespace administrators (got ["development"])'],
    ['an AKS VNet over the service range', (c) => void (entry(c, 'prod-weu').network.cidr = '172.16.0.0/16'), 'prod-weu.network.cidr: overlaps the AKS service range 172.16.0.0/16; pick a VNet range outside it (got "172.16.0.0/16")'],
    ['CloudWatch retention CloudWatch does not offer', (c) => void (entry(c, 'dev-use1').cluster.logRetentionDays = 45), 'dev-use1.cluster.logRetentionDays: CloudWatch keeps logs for one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days (got 45)'],
    ['a number where a name belongs', (c) => void (entry(c, 'dev-use1').dns.zone = 42), 'dev-use1.dns.zone: must be a string, not a number (got 42)'],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => {
    const c = catalogueCopy();
    const changed = mutate(c) ?? c;
    expect(problemsOf(changed)).toEqual([expected]);
  });
});

describe('catalogue validation: legal, accepted', () => {
  const cases: [string, (c: any) => any][] = [
    ['numeric Kubernetes quantities', (c) => void (entry(c, 'prod-use1').cluster.namespaces.production.quota.pods = 500)],
    ['Log Analytics retention outside CloudWatch\'s list', (c) => void (entry(c, 'prod-weu').cluster.logRetentionDays = 45)],
    ['a two-level sub-zone under the domain', (c) => void (entry(c, 'dev-use1').dns.zone = 'dev.us.kore.example.com')],
    ['a large EBS root volume', (c) => void (entry(c, 'dev-use1').cluster.nodePools.general.diskSizeGb = 4096)],
    ['a view-all grant for a read-only auditor', (c) => void (entry(c, 'dev-use1').cluster.access.auditors = { principal: 'arn:aws:iam::111111111111:role/auditors', policy: 'view-all' })],
    ['an id at the limit of every derived name', (c) => renameEntry(c, 'prod-weu', 'prod-west-europe-main')],
  ];

  it.each(cases)('%s', (_name, mutate) => {
    const c = catalogueCopy();
    expect(problemsOf(mutate(c) ?? c)).toEqual([]);
  });

  it('turns numeric quantities into the strings Kubernetes takes', () => {
    const c = catalogueCopy();
    entry(c, 'prod-use1').cluster.namespaces.production.quota.pods = 500;
    expect(parseCatalogue(c, 'test').regions.find((r) => r.id === 'prod-use1')!.cluster.namespaces.production.quota?.pods).toBe('500');
  });

  it('warns, without failing, about a well-formed size of an unlisted family', () => {
    const c = catalogueCopy();
    entry(c, 'dev-use1').cluster.nodePools.general.instanceTypes = ['x9z.large'];
    expect(catalogueWarnings(parseCatalogue(c, 'test'))).toEqual([
      'dev-use1.cluster.nodePools.general.instanceTypes.0: EC2 instance type "x9z.large" is not in the known families; its capacity cannot be checked',
    ]);
  });

  it('reads YAML merge keys, and refuses duplicate keys with their position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-yaml-'));
    // GIVEN prod-use1's tags written as dev-use1's tags merged with one override
    const doc = new Document(catalogueCopy());
    const base = doc.getIn(['regions', 0, 'tags'], true) as YAMLMap;
    base.anchor = 'base';
    const merged = doc.createNode({ costCenter: 'eng-prod' }) as YAMLMap;
    merged.items.unshift(doc.createPair('<<', doc.createAlias(base)));
    doc.setIn(['regions', 2, 'tags'], merged);
    const file = join(dir, 'merge.yaml');
    writeFileSync(file, doc.toString());
    expect(readFileSync(file, 'utf8')).toContain('<<: *base');
    // THEN the merge is honoured
    expect(loadCatalogueFile(file).regions[2].tags).toEqual({ owner: 'platform-team', costCenter: 'eng-prod' });

    const dup = join(dir, 'dup.yaml');
    writeFileSync(dup, `domain: kore.example.com\ndomain: kore.example.org\n`);
    expect(() => loadCatalogueFile(dup)).toThrow(new RegExp(`${dup}:2:1: not valid YAML: Map keys must be unique`));
  });
});

describe('a construct error during synth', () => {
  it('names the catalogue entry it comes from', () => {
    const { Testing } = require('cdktf');
    const { addCatalogueStacks } = require('../../stacks/app');
    const catalogue = parseCatalogue(catalogueCopy(), 'test');
    // Bypass validation on purpose: a value only the construct refuses.
    (catalogue.regions[0].cluster.nodePools.general as any).maxSize = 0;
    expect(() => addCatalogueStacks(Testing.app(), catalogue)).toThrow(/^dev-use1: nodePools\.general\.maxSize: must be at least 1 \(got 0\)$/);
  });
});

describe('Artifactory fits a node pool it can be scheduled on', () => {
  it('refuses requests no untainted pool can hold, naming entry, field and every pool', () => {
    const c = catalogueCopy();
    entry(c, 'prod-use1').artifactory.resources = { cpu: '4', memory: '16Gi' };
    expect(problemsOf(c)).toEqual([
      'prod-use1.artifactory.resources: 4 CPU / 16Gi fit no node pool Artifactory can be scheduled on (system: tainted CriticalAddonsOnly; general: m6i.xlarge allocates about 3.6 CPU / 14.6Gi)',
    ]);
  });

  it('judges a pool of several sizes by its smallest, and AKS pools with their larger reservations', () => {
    const c = catalogueCopy();
    entry(c, 'prod-use1').cluster.nodePools.general.instanceTypes = ['m6i.2xlarge', 'm5.xlarge'];
    entry(c, 'prod-use1').artifactory.resources = { cpu: '6', memory: '24Gi' };
    expect(problemsOf(c)).toEqual([expect.stringMatching(/^prod-use1\.artifactory\.resources: 6 CPU \/ 24Gi fit no node pool .*general: m5\.xlarge allocates about/)]);
    const weu = catalogueCopy();
    entry(weu, 'prod-weu').artifactory.resources = { cpu: '7.5', memory: '28Gi' };
    expect(problemsOf(weu)).toEqual([expect.stringMatching(/^prod-weu\.artifactory\.resources: 7\.5 CPU \/ 28Gi fit no node pool .*general: Standard_D8s_v5 allocates about 7\.4 CPU \/ 2\d\.\dGi/)]);
  });

  it('accepts requests that fit, with millicores and Mi', () => {
    const c = catalogueCopy();
    entry(c, 'prod-use1').artifactory.resources = { cpu: '3500m', memory: '14000Mi' };
    expect(problemsOf(c)).toEqual([]);
  });
});
