import { cidrsOverlap, cidrSubnet, parseIpv4Cidr } from './cidr';
import type { SubnetTierSpec } from '../network/network';

/** A planned subnet: tier, zone and the CIDR the address plan assigns it. */
export interface PlannedSubnet {
  readonly tier: string;
  readonly zone: string;
  readonly zoneIndex: number;
  readonly cidr: string;
}

/**
 * The deterministic address plan of a network: each tier owns a fixed block, each zone a fixed slot inside it.
 * A subnet's CIDR depends only on (network CIDR, tier block, zone index), never on how many tiers or zones exist.
 * @throws naming the prop (`subnetTiers.<name>`) when a block does not fit or two tiers overlap.
 */
export function planSubnets(networkCidr: string, tiers: Readonly<Record<string, SubnetTierSpec>>, zones: readonly string[]): PlannedSubnet[] {
  const { prefix } = parseIpv4Cidr(networkCidr);
  const blocks = Object.entries(tiers).map(([name, tier]) => {
    const zoneBits = tier.zoneBits ?? 3;
    if (prefix + tier.block.newBits + zoneBits > 28) {
      throw new Error(`subnetTiers.${name}: /${prefix} + ${tier.block.newBits} block bits + ${zoneBits} zone bits leaves subnets smaller than /28`);
    }
    if (zones.length > 2 ** zoneBits) {
      throw new Error(`subnetTiers.${name}: zoneBits ${zoneBits} fits ${2 ** zoneBits} zones, ${zones.length} requested`);
    }
    let block: string;
    try {
      block = cidrSubnet(networkCidr, tier.block.newBits, tier.block.netNum);
    } catch (e) {
      throw new Error(`subnetTiers.${name}.block: ${(e as Error).message}`);
    }
    return { name, block, zoneBits };
  });
  for (let a = 0; a < blocks.length; a++) {
    for (let b = a + 1; b < blocks.length; b++) {
      if (cidrsOverlap(blocks[a].block, blocks[b].block)) {
        throw new Error(`subnetTiers.${blocks[b].name}.block: ${blocks[b].block} overlaps tier ${blocks[a].name} (${blocks[a].block})`);
      }
    }
  }
  return blocks.flatMap(({ name, block, zoneBits }) =>
    zones.map((zone, zoneIndex) => ({ tier: name, zone, zoneIndex, cidr: cidrSubnet(block, zoneBits, zoneIndex) })),
  );
}
