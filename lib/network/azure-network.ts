import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { zoneNames } from '../cloud/cloud-regions';
import { planSubnets } from '../private/address-plan';
import { isIpv4Cidr } from '../private/cidr';
import { DEFAULT_SUBNET_TIERS, INetwork, NetworkSubnet, SubnetTierSpec } from './network';

/** Zone of an Azure subnet: Azure subnets are regional and span every zone of the region. */
export const REGIONAL = 'regional';

export interface AzureNetworkProps {
  /** Name prefix of every resource. */
  readonly name: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** VNet address space. */
  readonly cidr: string;
  /** Zones the NAT gateway's public IP and the clusters use (1-3). */
  readonly zoneCount: number;
  /**
   * Subnet tiers keyed by name; on Azure a tier is one regional subnet that takes the tier's whole block.
   * @default DEFAULT_SUBNET_TIERS (public, private, intra)
   */
  readonly subnetTiers?: Readonly<Record<string, SubnetTierSpec>>;
  /**
   * Give private tiers internet egress through a NAT gateway with a static public IP.
   * @default true
   */
  readonly natGateway?: boolean;
  /**
   * A static, zone-redundant public IP for the cluster's ingress load balancer, and the only inbound internet
   * traffic the private tier admits: HTTP and HTTPS to that address.
   * @default false
   */
  readonly ingressPublicIp?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A resource group and VNet with subnets keyed by name on the same stable address plan as AWS (a tier owns a
 * fixed block; adding a tier never renumbers another), a NAT gateway with a static zone-redundant public IP for
 * egress, and a network security group per subnet that denies inbound traffic from the internet. Azure's own
 * default rules still admit VirtualNetwork and AzureLoadBalancer traffic, which AKS nodes need.
 */
export class AzureNetwork extends Construct implements INetwork {
  public readonly cloud = 'azure' as const;
  public readonly networkId: string;
  public readonly cidr: string;
  public readonly zones: readonly string[];
  public readonly tierNames: readonly string[];
  public readonly resourceGroup: ResourceGroup;
  public readonly vnet: VirtualNetwork;
  public readonly natGateway?: NatGateway;
  /** The ingress load balancer's public IP (`ingressPublicIp`). */
  public readonly ingressIp?: PublicIp;
  /** NAT associations: clusters with `userAssignedNATGateway` egress must be created after them. */
  public readonly egress: SubnetNatGatewayAssociation[] = [];
  private readonly subnetsByTier = new Map<string, NetworkSubnet>();

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    const tiers = props.subnetTiers ?? DEFAULT_SUBNET_TIERS;
    validate(props, tiers);
    const tags = { ...props.tags };
    this.cidr = props.cidr;
    this.zones = zoneNames('azure', props.location, props.zoneCount);
    this.tierNames = Object.keys(tiers);
    // One regional subnet per tier: the whole block (zoneBits 0), on the same address plan as AWS.
    const regional = Object.fromEntries(Object.entries(tiers).map(([name, t]) => [name, { ...t, zoneBits: 0 }]));
    const planned = planSubnets(props.cidr, regional, [REGIONAL]);

    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: `${props.name}-network`, location: props.location, tags });
    this.vnet = new VirtualNetwork(this, 'VNet', {
      name: props.name,
      location: props.location,
      resourceGroupName: this.resourceGroup.name,
      addressSpace: [props.cidr],
      tags,
    });
    this.networkId = this.vnet.id;

    if (props.natGateway ?? true) {
      const ip = this.staticPublicIp('NatPublicIp', `${props.name}-nat`, props.location, tags);
      this.natGateway = new NatGateway(this, 'NatGateway', {
        name: `${props.name}-nat`,
        location: props.location,
        resourceGroupName: this.resourceGroup.name,
        skuName: 'Standard',
        idleTimeoutInMinutes: 10,
        tags,
      });
      new NatGatewayPublicIpAssociation(this, 'NatPublicIpAssociation', { natGatewayId: this.natGateway.id, publicIpAddressId: ip.id });
    }

    if (props.ingressPublicIp) {
      this.ingressIp = this.staticPublicIp('IngressPublicIp', `${props.name}-ingress`, props.location, tags);
    }

    for (const p of planned) {
      const kind = tiers[p.tier].kind;
      const subnet = new Subnet(this, `Subnet-${p.tier}`, {
        name: `${props.name}-${p.tier}`,
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: this.vnet.name,
        addressPrefixes: [p.cidr],
        // Private subnets egress through the NAT gateway only; Azure's implicit outbound access goes away in 2025.
        defaultOutboundAccessEnabled: false,
        // Workloads reach storage accounts that deny every other network (Artifactory's filestore).
        serviceEndpoints: kind === 'private' ? ['Microsoft.Storage'] : undefined,
      });
      const nsg = new NetworkSecurityGroup(this, `Nsg-${p.tier}`, {
        name: `${props.name}-${p.tier}`,
        location: props.location,
        resourceGroupName: this.resourceGroup.name,
        securityRule: [
          // The ingress load balancer keeps client addresses, so its traffic arrives from the internet: admit web
          // traffic to its address only, above the deny below.
          ...(this.ingressIp && kind === 'private'
            ? [
                {
                  name: 'allow-web-to-ingress',
                  description: 'HTTPS from the internet to the ingress load balancer only (certificates come over DNS-01: no port 80)',
                  priority: 100,
                  direction: 'Inbound',
                  access: 'Allow',
                  protocol: 'Tcp',
                  sourcePortRange: '*',
                  destinationPortRanges: ['443'],
                  sourceAddressPrefix: 'Internet',
                  destinationAddressPrefix: this.ingressIp.ipAddress,
                },
              ]
            : []),
          {
            name: 'deny-internet-inbound',
            description: 'Inbound from the internet is denied unless a higher-priority rule allows it',
            priority: 4096,
            direction: 'Inbound',
            access: 'Deny',
            protocol: '*',
            sourcePortRange: '*',
            destinationPortRange: '*',
            sourceAddressPrefix: 'Internet',
            destinationAddressPrefix: '*',
          },
        ],
        tags,
      });
      new SubnetNetworkSecurityGroupAssociation(this, `NsgAssociation-${p.tier}`, { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
      if (this.natGateway && kind === 'private') {
        this.egress.push(new SubnetNatGatewayAssociation(this, `NatAssociation-${p.tier}`, { subnetId: subnet.id, natGatewayId: this.natGateway.id }));
      }
      this.subnetsByTier.set(p.tier, { tier: p.tier, zone: REGIONAL, cidr: p.cidr, subnetId: subnet.id });
    }
  }

  /** A static, zone-redundant public IP in the network's resource group. */
  private staticPublicIp(id: string, name: string, location: string, tags: Record<string, string>): PublicIp {
    return new PublicIp(this, id, { name, location, resourceGroupName: this.resourceGroup.name, allocationMethod: 'Static', sku: 'Standard', zones: [...this.zones], tags });
  }

  /** The tier's regional subnet, as a one-element list (Azure subnets span zones). */
  public subnets(tier: string): NetworkSubnet[] {
    const found = this.subnetsByTier.get(tier);
    if (!found) throw new Error(`unknown subnet tier "${tier}"; this network has: ${this.tierNames.join(', ')}`);
    return [found];
  }
}

function validate(props: AzureNetworkProps, tiers: Readonly<Record<string, SubnetTierSpec>>): void {
  if (!Token.isUnresolved(props.cidr) && !isIpv4Cidr(props.cidr)) throw new Error(`cidr: not an IPv4 network (got ${props.cidr})`);
  if (!Number.isInteger(props.zoneCount) || props.zoneCount < 1) throw new Error(`zoneCount: must be a positive integer (got ${props.zoneCount})`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(props.name)) throw new Error(`name: 1-63 letters, digits, dashes, dots or underscores (got "${props.name}")`);
  if (Object.keys(tiers).length === 0) throw new Error('subnetTiers: at least one tier is required');
  for (const name of Object.keys(tiers)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`subnetTiers: tier names are lowercase words (got "${name}")`);
  }
}
