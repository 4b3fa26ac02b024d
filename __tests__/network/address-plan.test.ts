import { cidrSubnet, cidrsOverlap, parseIpv4Cidr } from '../../lib/private/cidr';
import { planSubnets } from '../../lib/private/address-plan';
import { DEFAULT_SUBNET_TIERS } from '../../lib/network/network';

describe('CIDR math', () => {
  it.each([
    ['10.0.0.0/16', 3, 0, '10.0.0.0/19'],
    ['10.0.0.0/16', 1, 1, '10.0.128.0/17'],
    ['10.0.128.0/17', 3, 2, '10.0.160.0/20'],
    ['10.20.0.0/20', 4, 15, '10.20.15.0/24'],
  ])('cidrsubnet(%s, %d, %d) = %s, as Terraform computes it', (cidr, bits, num, expected) => {
    expect(cidrSubnet(cidr, bits, num)).toBe(expected);
  });

  it('rejects network numbers that do not fit and host bits', () => {
    expect(() => cidrSubnet('10.0.0.0/16', 2, 4)).toThrow('network number 4 does not fit in 2 bits of 10.0.0.0/16');
    expect(() => parseIpv4Cidr('10.0.0.1/16')).toThrow('host bits set in 10.0.0.1/16 (network address is 10.0.0.0/16)');
  });

  it('detects overlap in both directions', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.0.128.0/17', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/17', '10.0.128.0/17')).toBe(false);
  });
});

describe('address plan', () => {
  it('lays out the default tiers without overlap', () => {
    const plan = planSubnets('10.30.0.0/16', DEFAULT_SUBNET_TIERS, ['a', 'b', 'c']);
    expect(plan.map((p) => `${p.tier}/${p.zone}=${p.cidr}`)).toEqual([
      'public/a=10.30.0.0/22', 'public/b=10.30.4.0/22', 'public/c=10.30.8.0/22',
      'intra/a=10.30.32.0/22', 'intra/b=10.30.36.0/22', 'intra/c=10.30.40.0/22',
      'private/a=10.30.128.0/20', 'private/b=10.30.144.0/20', 'private/c=10.30.160.0/20',
    ]);
    for (let i = 0; i < plan.length; i++) for (let j = i + 1; j < plan.length; j++) expect(cidrsOverlap(plan[i].cidr, plan[j].cidr)).toBe(false);
  });

  it('names the tier whose block overlaps another', () => {
    const tiers = { ...DEFAULT_SUBNET_TIERS, database: { kind: 'isolated' as const, block: { newBits: 2, netNum: 2 } } };
    expect(() => planSubnets('10.30.0.0/16', tiers, ['a'])).toThrow('subnetTiers.database.block: 10.30.128.0/18 overlaps tier private (10.30.128.0/17)');
  });

  it('refuses more zones than the tier has slots', () => {
    const tiers = { public: { kind: 'public' as const, block: { newBits: 1, netNum: 0 }, zoneBits: 1 } };
    expect(() => planSubnets('10.0.0.0/16', tiers, ['a', 'b', 'c'])).toThrow('subnetTiers.public: zoneBits 1 fits 2 zones, 3 requested');
  });
});
