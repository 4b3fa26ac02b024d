import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';
import { AzureDnsZone } from '../../lib/dns/azure-dns-zone';
import { DnsRecordProps } from '../../lib/dns/dns-zone';
import { GlobalName } from '../../lib/dns/global-name';
import { Route53DnsZone } from '../../lib/dns/route53-dns-zone';
import { defaultCatalogue } from '../../regions/catalogue';
import { addCatalogueStacks } from '../../stacks/app';
import { listOf } from '../support/synth';

function synth(build: (scope: Construct) => void): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe('Route53DnsZone', () => {
  it('creates a zone and typed record sets keyed by name', () => {
    const json = synth((s) => {
      const zone = new Route53DnsZone(s, 'Zone', {
        zoneName: 'kore.example.com',
        records: { www: { type: 'A', values: ['203.0.113.10'] }, '@': { type: 'TXT', values: ['v=spf1 -all'] } },
      });
      zone.addRecord('v6', { type: 'AAAA', values: ['2001:db8::1'], ttl: 60 });
      zone.addRecord('docs.kore.example.com', { type: 'CNAME', values: ['docs.example.net'] });
      zone.addAlias('@', { dnsName: 'lb-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K' });
    });
    expect(listOf(json, 'aws_route53_zone')).toEqual([expect.objectContaining({ name: 'kore.example.com' })]);
    const records = listOf(json, 'aws_route53_record').map((r) => [r.name, r.type, r.ttl ?? 'alias', r.records ?? r.alias]);
    expect(records.sort()).toEqual([
      ['docs.kore.example.com', 'CNAME', 300, ['docs.example.net']],
      ['kore.example.com', 'A', 'alias', { name: 'lb-1.elb.amazonaws.com', zone_id: 'Z35SXDOTRQ7X7K', evaluate_target_health: true }],
      ['kore.example.com', 'TXT', 300, ['v=spf1 -all']],
      ['v6.kore.example.com', 'AAAA', 60, ['2001:db8::1']],
      ['www.kore.example.com', 'A', 300, ['203.0.113.10']],
    ]);
  });

  it('adopts an existing zone through a data source', () => {
    const json = synth((s) => new Route53DnsZone(s, 'Zone', { zoneName: 'legacy.example.com', adopt: true }));
    expect(listOf(json, 'aws_route53_zone')).toHaveLength(0);
    expect(Object.values(json.data.aws_route53_zone)).toEqual([{ name: 'legacy.example.com', private_zone: false }]);
  });

  const cases: [string, [string, DnsRecordProps][], string][] = [
    ['a name outside the zone', [['www.other.org', { type: 'A', values: ['203.0.113.1'] }]], 'records.www.other.org: www.other.org is outside the zone kore.example.com'],
    ['a CNAME at the apex', [['@', { type: 'CNAME', values: ['x.example.net'] }]], 'records.@.CNAME: no CNAME at the zone apex (it would shadow the SOA and NS records)'],
    ['a duplicate record set', [['www', { type: 'A', values: ['203.0.113.1'] }], ['www.kore.example.com', { type: 'A', values: ['203.0.113.2'] }]], 'records.www.A: duplicate record set (one name and type, one record set)'],
    ['a CNAME beside other records', [['www', { type: 'TXT', values: ['x'] }], ['www', { type: 'CNAME', values: ['y.example.net'] }]], 'records.www.CNAME: a CNAME cannot share its name with other records (TXT)'],
    ['a record beside a CNAME', [['www', { type: 'CNAME', values: ['y.example.net'] }], ['www', { type: 'TXT', values: ['x'] }]], 'records.www.TXT: www already has a CNAME, which cannot share its name'],
    ['a TTL too low', [['www', { type: 'A', values: ['203.0.113.1'], ttl: 5 }]], 'records.www.A.ttl: must be 30-172800 seconds (got 5)'],
    ['a TTL too high', [['www', { type: 'A', values: ['203.0.113.1'], ttl: 999999 }]], 'records.www.A.ttl: must be 30-172800 seconds (got 999999)'],
    ['no values', [['www', { type: 'A', values: [] }]], 'records.www.A.values: at least one value is required'],
    ['a bad IPv4', [['www', { type: 'A', values: ['203.0.113'] }]], 'records.www.A.values: not an IPv4 address (got "203.0.113")'],
    ['a bad IPv6', [['www', { type: 'AAAA', values: ['2001:db8::zz'] }]], 'records.www.AAAA.values: not an IPv6 address (got "2001:db8::zz")'],
    ['two CNAME targets', [['www', { type: 'CNAME', values: ['a.example.net', 'b.example.net'] }]], 'records.www.CNAME.values: a CNAME has exactly one target (got 2)'],
    ['a bad label', [['bad_label!', { type: 'A', values: ['203.0.113.1'] }]], 'records.bad_label!: "bad_label!" is not a valid DNS label'],
    ['apex NS', [['@', { type: 'NS', values: ['ns1.example.net'] }]], 'records.@.NS: the apex NS records belong to the zone itself'],
  ];
  it.each(cases)('rejects %s', (_name, records, message) => {
    expect(() => synth((s) => {
      const zone = new Route53DnsZone(s, 'Zone', { zoneName: 'kore.example.com' });
      for (const [name, props] of records) zone.addRecord(name, props);
    })).toThrow(message);
  });

  it('rejects a zone name that is not a DNS name', () => {
    expect(() => synth((s) => new Route53DnsZone(s, 'Zone', { zoneName: 'kore..example' }))).toThrow('zoneName: not a DNS name (got "kore..example")');
  });
});

describe('AzureDnsZone', () => {
  it('creates a zone and record sets of each type with relative names', () => {
    const json = synth((s) => {
      const zone = new AzureDnsZone(s, 'Zone', { zoneName: 'prod-weu.kore.example.com', resourceGroupName: 'rg-dns' });
      zone.addRecord('www', { type: 'A', values: ['203.0.113.10'] });
      zone.addRecord('v6', { type: 'AAAA', values: ['2001:db8::1'] });
      zone.addRecord('docs', { type: 'CNAME', values: ['docs.example.net'] });
      zone.addRecord('@', { type: 'TXT', values: ['hello'] });
    });
    expect(listOf(json, 'azurerm_dns_zone')).toEqual([expect.objectContaining({ name: 'prod-weu.kore.example.com', resource_group_name: 'rg-dns' })]);
    expect(listOf(json, 'azurerm_dns_a_record')[0]).toMatchObject({ name: 'www', records: ['203.0.113.10'], ttl: 300 });
    expect(listOf(json, 'azurerm_dns_aaaa_record')[0]).toMatchObject({ name: 'v6', records: ['2001:db8::1'] });
    expect(listOf(json, 'azurerm_dns_cname_record')[0]).toMatchObject({ name: 'docs', record: 'docs.example.net' });
    expect(listOf(json, 'azurerm_dns_txt_record')[0]).toMatchObject({ name: '@', record: [{ value: 'hello' }] });
  });

  it('adopts an existing zone through a data source', () => {
    const json = synth((s) => new AzureDnsZone(s, 'Zone', { zoneName: 'legacy.example.com', resourceGroupName: 'rg-dns', adopt: true }).addRecord('www', { type: 'A', values: ['203.0.113.1'] }));
    expect(listOf(json, 'azurerm_dns_zone')).toHaveLength(0);
    expect(Object.values(json.data.azurerm_dns_zone)).toEqual([{ name: 'legacy.example.com', resource_group_name: 'rg-dns' }]);
    expect(listOf(json, 'azurerm_dns_a_record')[0].zone_name).toMatch(/data\.azurerm_dns_zone\./);
  });

  it('applies the same validation as Route53', () => {
    expect(() => synth((s) => new AzureDnsZone(s, 'Zone', { zoneName: 'weu.kore.example.com', resourceGroupName: 'rg' }).addRecord('@', { type: 'CNAME', values: ['x.example.net'] }))).toThrow(
      'records.@.CNAME: no CNAME at the zone apex',
    );
  });
});

describe('delegation across providers', () => {
  it('delegates an Azure sub-zone from a Route53 parent, and a Route53 sub-zone from an Azure parent', () => {
    const json = synth((s) => {
      const parent = new Route53DnsZone(s, 'Parent', { zoneName: 'kore.example.com' });
      const azureChild = new AzureDnsZone(s, 'AzureChild', { zoneName: 'prod-weu.kore.example.com', resourceGroupName: 'rg' });
      parent.addDelegation(azureChild);
      const azureParent = new AzureDnsZone(s, 'AzureParent', { zoneName: 'corp.example.org', resourceGroupName: 'rg' });
      const awsChild = new Route53DnsZone(s, 'AwsChild', { zoneName: 'aws.corp.example.org' });
      azureParent.addDelegation(awsChild);
    });
    const ns = listOf(json, 'aws_route53_record').find((r) => r.type === 'NS');
    expect(ns).toMatchObject({ name: 'prod-weu.kore.example.com', ttl: 172800 });
    expect(ns.records).toMatch(/azurerm_dns_zone\.AzureChild_Zone_[0-9A-F]+\.name_servers/);
    const [azureNs] = listOf(json, 'azurerm_dns_ns_record');
    expect(azureNs).toMatchObject({ name: 'aws', zone_name: expect.stringContaining('azurerm_dns_zone.AzureParent_Zone') });
    expect(azureNs.records).toMatch(/aws_route53_zone\.AwsChild_Zone_[0-9A-F]+\.name_servers/);
  });

  it('delegates a two-level child (use1.dev under the domain) on both clouds: its relative name has a dot, and is still inside', () => {
    const json = synth((s) => {
      new Route53DnsZone(s, 'Parent', { zoneName: 'kore.example.com' }).addDelegation(new Route53DnsZone(s, 'Child', { zoneName: 'use1.dev.kore.example.com' }));
      new AzureDnsZone(s, 'AzureParent', { zoneName: 'corp.example.org', resourceGroupName: 'rg' }).addDelegation(new AzureDnsZone(s, 'AzureChild', { zoneName: 'weu.prod.corp.example.org', resourceGroupName: 'rg' }));
    });
    expect(listOf(json, 'aws_route53_record').find((r) => r.type === 'NS')).toMatchObject({ name: 'use1.dev.kore.example.com' });
    expect(listOf(json, 'azurerm_dns_ns_record')[0]).toMatchObject({ name: 'weu.prod' });
  });

  it('refuses to delegate a zone that is not inside the parent', () => {
    expect(() => synth((s) => {
      const parent = new Route53DnsZone(s, 'Parent', { zoneName: 'kore.example.com' });
      parent.addDelegation(new Route53DnsZone(s, 'Other', { zoneName: 'other.example.org' }));
    })).toThrow('addDelegation: other.example.org is not inside kore.example.com');
  });
});

describe('GlobalName', () => {
  const build = (endpoints: any[], extra: object = {}) => synth((s) => {
    const zone = new Route53DnsZone(s, 'Zone', { zoneName: 'kore.example.com' });
    new GlobalName(s, 'Artifactory', { zone, name: 'artifactory', healthCheckPath: '/artifactory/api/system/ping', endpoints, ...extra });
  });
  const endpoints = [
    { id: 'prod-use1', target: 'artifactory.prod-use1.kore.example.com', latencyRegion: 'us-east-1' },
    { id: 'prod-weu', target: 'artifactory.prod-weu.kore.example.com', latencyRegion: 'eu-central-1' },
  ];

  it('routes by latency to every region, each record with an HTTPS health check', () => {
    const json = build(endpoints);
    const records = listOf(json, 'aws_route53_record');
    expect(records.map((r) => [r.name, r.type, r.set_identifier, r.latency_routing_policy, r.records, r.ttl])).toEqual([
      ['artifactory.kore.example.com', 'CNAME', 'prod-use1', { region: 'us-east-1' }, ['artifactory.prod-use1.kore.example.com'], 60],
      ['artifactory.kore.example.com', 'CNAME', 'prod-weu', { region: 'eu-central-1' }, ['artifactory.prod-weu.kore.example.com'], 60],
    ]);
    for (const r of records) expect(r.health_check_id).toMatch(/aws_route53_health_check\./);
    expect(listOf(json, 'aws_route53_health_check').map((h) => [h.type, h.fqdn, h.port, h.resource_path, h.failure_threshold])).toEqual([
      ['HTTPS', 'artifactory.prod-use1.kore.example.com', 443, '/artifactory/api/system/ping', 3],
      ['HTTPS', 'artifactory.prod-weu.kore.example.com', 443, '/artifactory/api/system/ping', 3],
    ]);
  });

  it.each([
    [[], {}, 'endpoints: artifactory needs at least one endpoint'],
    [[endpoints[0], endpoints[0]], {}, 'endpoints: duplicate endpoint id "prod-use1"'],
    [[{ ...endpoints[1], latencyRegion: 'westeurope' }], {}, 'endpoints.prod-weu.latencyRegion: not a known AWS region (got "westeurope")'],
    [endpoints, { healthCheckPath: 'ping' }, 'healthCheckPath: must start with / (got "ping")'],
  ])('rejects bad endpoints %#', (eps, extra, message) => {
    expect(() => build(eps, extra)).toThrow(message);
  });
});

describe('stacks of the default catalogue', () => {
  // A full app synth: cdktf wires cross-stack references (outputs + remote state) only then.
  const outdir = mkdtempSync(join(tmpdir(), 'kore-dns-'));
  const app = new App({ outdir });
  addCatalogueStacks(app, defaultCatalogue());
  app.synth();
  const stacks = Object.fromEntries(app.node.children.map((s) => [s.node.id, JSON.parse(readFileSync(join(outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8'))]));

  it('give each region a sub-zone of its cloud with an ownership TXT record', () => {
    expect(listOf(stacks['prod-us-east-1'], 'aws_route53_zone')[0].name).toBe('prod-use1.kore.example.com');
    expect(listOf(stacks['prod-westeurope'], 'azurerm_dns_zone')[0].name).toBe('prod-weu.kore.example.com');
    expect(listOf(stacks['prod-us-east-1'], 'aws_route53_record')[0]).toMatchObject({ name: '_kore.prod-use1.kore.example.com', type: 'TXT', records: ['stack=prod-us-east-1 cloud=aws region=us-east-1 env=prod'] });
  });

  it('delegate every sub-zone from the parent zone in the global stack, reading name servers from region state', () => {
    const global = stacks.global;
    expect(listOf(global, 'aws_route53_zone')[0].name).toBe('kore.example.com');
    const delegations = listOf(global, 'aws_route53_record').filter((r) => r.type === 'NS').map((r) => r.name).sort();
    expect(delegations).toEqual(['dev-use1.kore.example.com', 'prod-apse1.kore.example.com', 'prod-use1.kore.example.com', 'prod-weu.kore.example.com', 'staging-usw2.kore.example.com']);
    const remote = Object.values(global.data.terraform_remote_state) as any[];
    expect(remote.map((r) => r.backend).sort()).toEqual(['azurerm', 's3', 's3', 's3', 's3']);
  });

  it('route the artifactory global name to the three production regions, Azure through its nearest AWS region', () => {
    const latency = listOf(stacks.global, 'aws_route53_record').filter((r) => r.latency_routing_policy);
    expect(latency.map((r) => [r.set_identifier, r.latency_routing_policy.region]).sort()).toEqual([
      ['prod-apse1', 'ap-southeast-1'],
      ['prod-use1', 'us-east-1'],
      ['prod-weu', 'eu-central-1'],
    ]);
    expect(listOf(stacks.global, 'aws_route53_health_check')).toHaveLength(3);
  });
});
