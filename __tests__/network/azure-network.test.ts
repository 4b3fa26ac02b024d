import { Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AzureNetwork, AzureNetworkProps } from '../../lib/network/azure-network';
import { DEFAULT_SUBNET_TIERS } from '../../lib/network/network';
import { byType, listOf } from '../support/synth';

const base: AzureNetworkProps = { name: 'kore-weu', location: 'westeurope', cidr: '10.40.0.0/16', zoneCount: 3, tags: { owner: 'platform' } };

function synthNetwork(props: Partial<AzureNetworkProps> = {}): { json: any; network: AzureNetwork } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const network = new AzureNetwork(stack, 'Network', { ...base, ...props });
  return { json: JSON.parse(Testing.synth(stack)), network };
}

describe('AzureNetwork', () => {
  const { json, network } = synthNetwork();

  it('creates a resource group and a VNet with the address space', () => {
    expect(listOf(json, 'azurerm_resource_group')).toEqual([expect.objectContaining({ name: 'kore-weu-network', location: 'westeurope' })]);
    expect(listOf(json, 'azurerm_virtual_network')[0]).toMatchObject({ name: 'kore-weu', address_space: ['10.40.0.0/16'], tags: { owner: 'platform' } });
  });

  it('creates one regional subnet per tier on the stable address plan, without default outbound access', () => {
    const subnets = listOf(json, 'azurerm_subnet').map((s) => [s.name, s.address_prefixes[0], s.default_outbound_access_enabled]).sort();
    expect(subnets).toEqual([
      ['kore-weu-intra', '10.40.32.0/19', false],
      ['kore-weu-private', '10.40.128.0/17', false],
      ['kore-weu-public', '10.40.0.0/19', false],
    ]);
    expect(network.subnets('private')).toEqual([{ tier: 'private', zone: 'regional', cidr: '10.40.128.0/17', subnetId: expect.stringContaining('TfToken') }]);
    expect(network.zones).toEqual(['1', '2', '3']);
  });

  it('keeps every existing subnet when a tier is added', () => {
    const tiers = { ...DEFAULT_SUBNET_TIERS, database: { kind: 'isolated' as const, block: { newBits: 3, netNum: 2 } } };
    const before = byType(json, 'azurerm_subnet');
    const after = byType(synthNetwork({ subnetTiers: tiers }).json, 'azurerm_subnet');
    expect(Object.keys(after)).toHaveLength(4);
    for (const [address, subnet] of Object.entries(before)) expect(after[address].address_prefixes).toEqual((subnet as any).address_prefixes);
    expect(Object.values(after).find((s: any) => s.name === 'kore-weu-database')).toMatchObject({ address_prefixes: ['10.40.64.0/19'] });
  });

  it('egresses private subnets through a NAT gateway with a static, zone-redundant public IP', () => {
    expect(listOf(json, 'azurerm_public_ip')[0]).toMatchObject({ allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'] });
    expect(listOf(json, 'azurerm_nat_gateway')[0]).toMatchObject({ sku_name: 'Standard' });
    expect(listOf(json, 'azurerm_nat_gateway_public_ip_association')).toHaveLength(1);
    const assoc = listOf(json, 'azurerm_subnet_nat_gateway_association');
    expect(assoc).toHaveLength(1);
    expect(assoc[0].subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-private_/);
    expect(network.egress).toHaveLength(1);
    const none = synthNetwork({ natGateway: false });
    expect(listOf(none.json, 'azurerm_nat_gateway')).toHaveLength(0);
    expect(none.network.egress).toHaveLength(0);
  });

  it('gives every subnet its own NSG denying inbound internet traffic', () => {
    const nsgs = listOf(json, 'azurerm_network_security_group');
    expect(nsgs).toHaveLength(3);
    for (const nsg of nsgs) {
      expect(nsg.security_rule).toEqual([
        expect.objectContaining({ name: 'deny-internet-inbound', direction: 'Inbound', access: 'Deny', priority: 4096, source_address_prefix: 'Internet', destination_port_range: '*' }),
      ]);
    }
    expect(listOf(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(3);
  });

  it.each([
    [{ cidr: 'nope' }, 'cidr: not an IPv4 network (got nope)'],
    [{ zoneCount: 4 }, 'region westeurope has 3 availability zones, 4 were asked for'],
    [{ name: 'bad name' }, 'name: 1-63 letters, digits, dashes, dots or underscores (got "bad name")'],
    [{ subnetTiers: {} }, 'subnetTiers: at least one tier is required'],
  ])('rejects %j', (props, message) => {
    expect(() => synthNetwork(props as Partial<AzureNetworkProps>)).toThrow(message);
  });

  it('names the tiers on a typo', () => {
    expect(() => network.subnets('nodes')).toThrow('unknown subnet tier "nodes"; this network has: public, intra, private');
  });
});

describe('Azure ingress exposure (the Europe region\'s health check must reach it)', () => {
  const { synthLayers } = require('../support/region');
  const json = synthLayers('prod-weu').infra;
  const nsgs = Object.values(json.resource.azurerm_network_security_group as Record<string, any>);

  it('admits only HTTPS from the internet to the ingress load balancer\'s address, on the cluster\'s subnet (no port 80: DNS-01)', () => {
    const privateNsg = nsgs.find((n) => n.name.endsWith('-private'));
    const allow = privateNsg.security_rule.find((r: any) => r.name === 'allow-web-to-ingress');
    expect(allow).toMatchObject({ direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', destination_port_ranges: ['443'], priority: 100 });
    expect(allow.destination_address_prefix).toMatch(/^\$\{azurerm_public_ip\.Network_IngressPublicIp_\w+\.ip_address\}$/);
    expect(privateNsg.security_rule.find((r: any) => r.name === 'deny-internet-inbound')).toMatchObject({ access: 'Deny', priority: 4096 });
    // every other tier still denies all inbound internet traffic
    for (const n of nsgs.filter((x) => !x.name.endsWith('-private'))) expect(n.security_rule.map((r: any) => r.name)).toEqual(['deny-internet-inbound']);
  });

  it('gives the address a static zone-redundant IP the control plane may attach, and names it for the platform layer', () => {
    const ip = Object.values(json.resource.azurerm_public_ip as Record<string, any>).find((p) => p.name === 'kore-prod-weu-ingress');
    expect(ip).toMatchObject({ allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'] });
    const role = Object.values(json.resource.azurerm_role_assignment as Record<string, any>).find((r) => /IngressPublicIp/.test(r.scope));
    expect(role).toMatchObject({ role_definition_name: 'Network Contributor', principal_type: 'ServicePrincipal' });
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['ingress_public_ip_name', 'ingress_public_ip_address', 'ingress_resource_group']));
  });
});
