import { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';

/** What a subnet tier is for; decides routing (AWS) and default NSG rules (Azure). */
export type SubnetTierKind = 'public' | 'private' | 'isolated';

/**
 * A subnet tier: one subnet per zone, carved from a fixed block of the network. The block is part of the tier's
 * definition (not its position in a list), so adding a tier or a zone never renumbers an existing subnet.
 */
export interface SubnetTierSpec {
  /** Routing kind of the tier. */
  readonly kind: SubnetTierKind;
  /**
   * The tier's block: `cidrsubnet(networkCidr, block.newBits, block.netNum)`. Blocks of different tiers must not
   * overlap. Never change a block of a deployed tier: every subnet of it would be replaced.
   */
  readonly block: { readonly newBits: number; readonly netNum: number };
  /**
   * Bits added to the tier block for each zone's subnet; zone i (in the region's fixed zone order) gets net
   * number i. 3 bits leave room for 8 zones.
   * @default 3
   */
  readonly zoneBits?: number;
}

/**
 * Default tiers. The network splits into eighths: public and intra take one eighth each, blocks 2-3 are reserved
 * for future tiers (databases, firewall), and private, where pods take their IPs, takes the upper half.
 */
export const DEFAULT_SUBNET_TIERS: Readonly<Record<string, SubnetTierSpec>> = {
  public: { kind: 'public', block: { newBits: 3, netNum: 0 } },
  intra: { kind: 'isolated', block: { newBits: 3, netNum: 1 } },
  private: { kind: 'private', block: { newBits: 1, netNum: 1 } },
};

/** One subnet of a network, in cloud-neutral terms. */
export interface NetworkSubnet {
  /** Tier name, e.g. `private`. */
  readonly tier: string;
  /** Zone: `us-east-1a` on AWS, `1` on Azure. */
  readonly zone: string;
  readonly cidr: string;
  /** The cloud's subnet id (a Terraform reference). */
  readonly subnetId: string;
}

/** A regional network: VPC on AWS, VNet on Azure. What clusters and databases need from it. */
export interface INetwork extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  /** The cloud's network id (a Terraform reference). */
  readonly networkId: string;
  /** The network's address space. */
  readonly cidr: string;
  /** Zones the network spans, in order. */
  readonly zones: readonly string[];
  /** Names of the subnet tiers. */
  readonly tierNames: readonly string[];
  /**
   * What must exist before workloads in private subnets reach the internet (NAT gateways, their routes or subnet
   * associations). Nodes that boot before it cannot pull images and never join.
   */
  readonly egress: readonly ITerraformDependable[];
  /**
   * Subnets of a tier, one per zone, in zone order.
   * @throws when the tier does not exist (the message lists the tiers that do).
   */
  subnets(tier: string): NetworkSubnet[];
}
