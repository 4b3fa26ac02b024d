import { defaultCatalogue } from '../../regions/catalogue';
import { loadCatalogueFile } from '../../regions/load';
import { stackNameOf } from '../../regions/schema';
import { catalogueCopy, problemsOf } from '../support/catalogue';

describe('default catalogue', () => {
  it('models the fleet of the seed documents', () => {
    const c = defaultCatalogue();
    const fleet = c.regions.map((r) => [stackNameOf(r), r.cloud, r.wave, r.artifactory?.role ?? '-']);
    expect(fleet).toEqual([
      ['dev-us-east-1', 'aws', 0, '-'],
      ['staging-us-west-2', 'aws', 1, '-'],
      ['prod-us-east-1', 'aws', 2, 'primary'],
      ['prod-westeurope', 'azure', 3, 'replica'],
      ['prod-ap-southeast-1', 'aws', 3, 'replica'],
    ]);
  });

  it('has no sandbox setting anywhere', () => {
    const c = defaultCatalogue();
    expect(c.global.sandbox).toBeUndefined();
    expect(c.regions.filter((r) => r.sandbox !== undefined)).toEqual([]);
  });

  it('fills defaults from the schema', () => {
    const c = defaultCatalogue();
    const prodEu = c.regions.find((r) => r.id === 'prod-weu')!;
    expect(prodEu.network.natGateways).toBe('one-per-zone');
    expect(prodEu.cluster.publicAccessCidrs).toEqual([]);
    expect(prodEu.state).toMatchObject({ backend: 'azurerm', keyPrefix: 'kore' });
  });
});

describe('generated benchmark catalogue', () => {
  it('is valid at 50 entries, so that npm run bench measures a real fleet', () => {
    const { generatedCatalogue } = require('../../bench/generated-catalogue');
    expect(problemsOf(generatedCatalogue(50))).toEqual([]);
  });
});

describe('catalogue validation', () => {
  // GIVEN the default catalogue with one mistake, THEN exactly the expected line is reported.
  const cases: [string, (c: any) => void, string | string[]][] = [
    ['unknown cloud', (c) => (c.regions[0].cloud = 'gcp'), 'dev-use1.cloud: unknown cloud; expected "aws" or "azure" (got "gcp")'],
    ['unknown region', (c) => (c.regions[0].region = 'us-east-9'), 'dev-use1.region: not a known aws region (got "us-east-9")'],
    ['azure region on aws', (c) => (c.regions[1].region = 'westeurope'), 'staging-usw2.region: not a known aws region (got "westeurope")'],
    ['malformed CIDR', (c) => (c.regions[0].network.cidr = '10.10.0.0/33'), 'dev-use1.network.cidr: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "10.10.0.0/33")'],
    ['host bits in CIDR', (c) => (c.regions[0].network.cidr = '10.10.0.1/16'), 'dev-use1.network.cidr: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "10.10.0.1/16")'],
    ['network too small', (c) => (c.regions[0].network.cidr = '10.10.0.0/24'), 'dev-use1.network.cidr: network must be /20 or larger (got "10.10.0.0/24")'],
    ['overlapping CIDRs', (c) => (c.regions[4].network.cidr = '10.20.0.0/20'), 'prod-apse1.network.cidr: overlaps staging-usw2 (10.20.0.0/16); regions must stay routable to each other (got "10.20.0.0/20")'],
    // renaming prod-apse1 also leaves the artifactory global name pointing at an id that no longer exists
    ['duplicate id', (c) => (c.regions[4].id = 'prod-use1'), [
      'prod-use1 (entry 5).id: duplicate id: entry 3 of the list has it already; ids must be unique (got "prod-use1")',
      'globalNames.artifactory.regions.2: no catalogue entry has this id (got "prod-apse1")',
      'replication.rules.docker.to.1: no catalogue entry has this id (got "prod-apse1")',
      'replication.rules.helm.to.1: no catalogue entry has this id (got "prod-apse1")',
      'replication.rules.libs.to.0: no catalogue entry has this id (got "prod-apse1")',
    ]],
    ['duplicate stack name', (c) => (c.regions[4].region = 'us-east-1'), 'prod-apse1.region: stack name prod-us-east-1 is taken by prod-use1 (one entry per environment and region) (got "us-east-1")'],
    ['too many zones', (c) => (c.regions[4].network.zoneCount = 4), 'prod-apse1.network.zoneCount: ap-southeast-1 has only 3 availability zones (got 4)'],
    ['prod wave not after staging', (c) => (c.regions[2].wave = 1), 'prod-use1.wave: prod must roll out after staging (staging-usw2 is wave 1) (got 1)'],
    ['no Artifactory primary', (c) => delete c.regions[2].artifactory, 'catalogue.regions: exactly one entry needs artifactory.role "primary", found none'],
    ['two Artifactory primaries', (c) => (c.regions[4].artifactory.role = 'primary'), 'prod-apse1.artifactory.role: second Artifactory primary (the first is prod-use1); exactly one is allowed (got "primary")'],
    // One rule, one line: min > max is reported once, with the three sizes.
    ['min > max', (c) => (c.regions[0].cluster.nodePools.general.minSize = 5), 'dev-use1.cluster.nodePools.general.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 5 / 2 / 4)'],
    ['desired > max', (c) => (c.regions[0].cluster.nodePools.general.desiredSize = 9), 'dev-use1.cluster.nodePools.general.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 1 / 9 / 4)'],
    ['empty instance types', (c) => (c.regions[0].cluster.nodePools.general.instanceTypes = []), 'dev-use1.cluster.nodePools.general.instanceTypes: at least one instance type is required'],
    ['no node pools', (c) => (c.regions[0].cluster.nodePools = {}), 'dev-use1.cluster.nodePools: at least one node pool is required'],
    ['unsupported Kubernetes version', (c) => (c.regions[0].cluster.kubernetesVersion = '1.25'), 'dev-use1.cluster.kubernetesVersion: unsupported on EKS; supported: 1.29, 1.30, 1.31, 1.32, 1.33 (got "1.25")'],
    ['open public endpoint', (c) => (c.regions[0].cluster.publicAccessCidrs = ['0.0.0.0/0']), 'dev-use1.cluster.publicAccessCidrs: together these ranges admit the whole internet; list the offices and CI egress ranges'],
    ['typo in a field name', (c) => (c.regions[0].netwrok = {}), 'dev-use1.netwrok: unknown field (typo?)'],
    ['missing field', (c) => delete c.regions[0].dns, 'dev-use1.dns: is required'],
    ['bad environment', (c) => (c.regions[0].environment = 'qa'), 'dev-use1.environment: environment must be dev, staging or prod (got "qa")'],
    ['bad AWS account', (c) => (c.regions[0].account = '1234'), 'dev-use1.account: an AWS account id is 12 digits (got "1234")'],
    ['bad Azure subscription', (c) => (c.regions[3].account = 'sub-1'), 'prod-weu.account: an Azure subscription id is a UUID (got "sub-1")'],
    ['azure without tenant', (c) => delete c.regions[3].tenantId, 'prod-weu.tenantId: azure entries need the Entra ID tenant id'],
    ['s3 state for azure', (c) => (c.regions[3].state = c.regions[2].state), 'prod-weu.state.backend: an azure entry keeps its state in azurerm (got "s3")'],
    ['unknown state backend', (c) => (c.regions[0].state.backend = 'gcs'), 'dev-use1.state.backend: state.backend must be "s3" or "azurerm" (got "gcs")'],
    ['zone outside the domain', (c) => (c.regions[0].dns.zone = 'dev.example.org'), 'dev-use1.dns.zone: must be a sub-zone of the catalogue domain kore.example.com (got "dev.example.org")'],
    ['AKS pool with two sizes', (c) => (c.regions[3].cluster.nodePools.general.instanceTypes = ['Standard_D8s_v5', 'Standard_D16s_v5']), 'prod-weu.cluster.nodePools.general.instanceTypes: an AKS pool has exactly one VM size (got ["Standard_D8s_v5","Standard_D16s_v5"])'],
    ['non-loopback sandbox', (c) => (c.regions[0].sandbox = { awsEndpoint: 'https://10.0.0.5:4566' }), 'dev-use1.sandbox.awsEndpoint: sandbox endpoints must be loopback URLs (got "https://10.0.0.5:4566")'],
    ['AKS log retention out of range', (c) => (c.regions[3].cluster.logRetentionDays = 14), 'prod-weu.cluster.logRetentionDays: Log Analytics keeps 30 to 730 days (got 14)'],
    ['global name for an unknown region', (c) => (c.globalNames.artifactory.regions[1] = 'prod-mars'), 'globalNames.artifactory.regions.1: no catalogue entry has this id (got "prod-mars")'],
    ['global name without health path slash', (c) => (c.globalNames.artifactory.healthCheckPath = 'ping'), 'globalNames.artifactory.healthCheckPath: must start with / (got "ping")'],
    ['missing owner tag', (c) => delete c.regions[0].tags.owner, 'dev-use1.tags.owner: is required'],
  ];

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const c = catalogueCopy();
    breakIt(c);
    expect(problemsOf(c)).toEqual(Array.isArray(expected) ? expected : [expected]);
  });

  it('reports every problem of a file at once, one line each, in file order, with file:line:column and the field', () => {
    let problems: readonly string[] = [];
    try {
      loadCatalogueFile('__tests__/fixtures/bad-catalogue.yaml');
    } catch (e) {
      problems = (e as { problems: string[] }).problems;
    }
    const f = '__tests__/fixtures/bad-catalogue.yaml';
    expect(problems).toEqual([
      `${f}:12:5: dev-use1.cloud: unknown cloud; expected "aws" or "azure" (got "gcp")`,
      `${f}:30:16: staging-usw2.network.cidr: overlaps dev-use1 (10.10.0.0/16); regions must stay routable to each other (got "10.10.128.0/17")`,
      `${f}:30:38: staging-usw2.network.zoneCount: us-west-2 has only 4 availability zones (got 7)`,
      `${f}:32:7: staging-usw2.cluster.kubernetesVersion: unsupported on EKS; supported: 1.29, 1.30, 1.31, 1.32, 1.33 (got "1.21")`,
      `${f}:33:71: staging-usw2.cluster.nodePools.general.desiredSize: needs minSize ≤ desiredSize ≤ maxSize (got 5 / 3 / 2)`,
      `${f}:34:12: staging-usw2.dns.zone: must be a sub-zone of the catalogue domain kore.example.com (got "staging.other.org")`,
      `${f}:42:5: prod-use1.wave: prod must roll out after staging (staging-usw2 is wave 2) (got 1)`,
      `${f}:43:16: prod-use1.network.cidr: not an IPv4 network in CIDR notation (a.b.c.d/n, no host bits) (got "10.300.0.0/16")`,
      `${f}:46:31: prod-use1.cluster.nodePools.general.instanceTypes: at least one instance type is required`,
      // The fourth entry repeats prod-use1's id: named by its place too, and left out of the checks between entries.
      `${f}:51:5: prod-use1 (entry 4).network: is required`,
      `${f}:51:5: prod-use1 (entry 4).id: duplicate id: entry 3 of the list has it already; ids must be unique (got "prod-use1")`,
      `${f}:57:5: prod-use1 (entry 4).netwrok: unknown field (typo?)`,
    ]);
  });

  it('names unreadable and unparsable files', () => {
    expect(() => loadCatalogueFile('/nonexistent/regions.yaml')).toThrow('/nonexistent/regions.yaml: 1 problem\ncannot read the file (ENOENT)');
    expect(() => loadCatalogueFile('__tests__/fixtures/not-yaml.yaml')).toThrow(/not-yaml.yaml: 2 problems\n__tests__\/fixtures\/not-yaml.yaml:3:1: not valid YAML: Flow map in block collection/);
  });

  it('reads a .json catalogue as strict JSON: a trailing comma is an error at its line and column, as in every JSON tool', () => {
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'kore-json-'));
    const file = require('node:path').join(dir, 'regions.json');
    require('node:fs').writeFileSync(file, '{\n  "domain": "kore.example.com",\n  "regions": [],\n}\n');
    expect(() => loadCatalogueFile(file)).toThrow(new RegExp(`^${file}: 1 problem\\n${file}:4:1: not valid JSON: `));
    require('node:fs').writeFileSync(file, '{\n  "domain": "kore.example.com",\n  "regions": []\n}\n');
    expect(() => loadCatalogueFile(file)).toThrow(new RegExp(`${file}:1:1: global: is required`));
  });
});

describe('values the clouds refuse, refused by validate (so synth and apply never see them)', () => {
  const { catalogueCopy, problemsOf } = require('../support/catalogue');
  it('an S3 state bucket with "..", an AWS VPC larger than /16, an Azure state location that is not a region', () => {
    const c = catalogueCopy();
    const aws = c.regions.find((r: any) => r.cloud === 'aws');
    aws.state.bucket = 'kore..tfstate';
    aws.network.cidr = '10.0.0.0/15';
    const az = c.regions.find((r: any) => r.cloud === 'azure');
    az.state.location = 'west-europe-ish';
    const problems = problemsOf(c);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/state\.bucket: not a valid S3 bucket name \(no "\.\.", "\.-" or "-\.", not an IP address\)/),
      expect.stringMatching(/network\.cidr: an AWS VPC is \/16 at the largest \(got "10\.0\.0\.0\/15"\)/),
      expect.stringMatching(/state\.location: not a known azure region \(got "west-europe-ish"\)/),
    ]));
  });
});

describe('what synth would refuse, refused by validate', () => {
  const { catalogueCopy, problemsOf } = require('../support/catalogue');
  it('a region listed twice under a global name', () => {
    const c = catalogueCopy();
    c.globalNames.artifactory.regions = ['prod-use1', 'prod-weu', 'prod-use1'];
    expect(problemsOf(c)).toEqual(expect.arrayContaining([expect.stringMatching(/globalNames\.artifactory\.regions\.2: prod-use1 is listed already \(item 0\); each region serves a global name once/)]));
  });
});
