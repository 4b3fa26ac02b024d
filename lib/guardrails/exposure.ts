import * as ipaddr from 'ipaddr.js';
import { isIpv4Cidr } from '../private/cidr';

/*
 * Exposure as a set computation over IPv4 and IPv6: what matters is the union of every allowed range, not each
 * entry. `0.0.0.0/1` and `128.0.0.0/1` are each "not /0" and together the whole IPv4 internet; `::/1` and `8000::/1`
 * together the whole IPv6 one. Words that mean "everyone" (`*`, `Internet`, `Any`) admit both.
 */

type Family = 'ipv4' | 'ipv6';
type Interval = [bigint, bigint];

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/** Address ranges that are not the internet: RFC 1918, loopback, link-local, CGNAT, multicast…; for IPv6 everything outside global unicast (2000::/3), and documentation. */
const NOT_INTERNET: Record<Family, readonly string[]> = {
  ipv4: ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'],
  ipv6: ['::/3', '4000::/2', '8000::/1', '2001:db8::/32'],
};

/** Source words that admit every address, IPv4 and IPv6 (Azure service tag `Internet`, NSG `*`, `Any`). */
const EVERYONE = new Set(['*', 'internet', 'any']);

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** A CIDR (IPv4 or IPv6, host bits allowed: a rule admits the whole prefix) as an interval, or undefined. */
function parse(cidr: string): { family: Family; range: Interval } | undefined {
  if (!ipaddr.isValidCIDR(cidr)) return undefined;
  const [addr, prefix] = ipaddr.parseCIDR(cidr);
  const family: Family = addr.kind() === 'ipv4' ? 'ipv4' : 'ipv6';
  const bits = BITS[family];
  const span = 1n << BigInt(bits - prefix);
  const base = (toBigInt(addr.toByteArray()) / span) * span;
  return { family, range: [base, base + span - 1n] };
}

function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1n) last[1] = last[1] > hi ? last[1] : hi;
    else out.push([lo, hi]);
  }
  return out;
}

const size = (xs: Interval[]) => xs.reduce((n, [lo, hi]) => n + (hi - lo + 1n), 0n);

/** The intervals of the CIDRs of one family in `cidrs` (others and non-CIDRs left out). */
function intervalsOf(cidrs: readonly string[], family: Family): Interval[] {
  return cidrs.flatMap((c) => {
    const p = parse(c);
    return p?.family === family ? [p.range] : [];
  });
}

function excluded(family: Family): Interval[] {
  return union(intervalsOf(NOT_INTERNET[family], family));
}

/** Public addresses of one family the union of `sources` admits. */
function admitted(given: readonly string[], family: Family): bigint {
  // Synthesized configuration can hold null for an unset attribute.
  const sources = given.filter((s): s is string => typeof s === 'string');
  const everything = sources.some((s) => EVERYONE.has(s.trim().toLowerCase()));
  const ranges = union(everything ? [[0n, (1n << BigInt(BITS[family])) - 1n]] : intervalsOf(sources, family));
  let count = 0n;
  for (const [lo, hi] of ranges) {
    let covered = hi - lo + 1n;
    for (const [xlo, xhi] of excluded(family)) {
      const overlap = (hi < xhi ? hi : xhi) - (lo > xlo ? lo : xlo) + 1n;
      if (overlap > 0n) covered -= overlap;
    }
    count += covered;
  }
  return count;
}

/** Every public address of a family. */
const PUBLIC: Record<Family, bigint> = {
  ipv4: (1n << 32n) - size(excluded('ipv4')),
  ipv6: (1n << 128n) - size(excluded('ipv6')),
};

/**
 * How many public IPv4 addresses the union of `sources` admits (IPv6 ranges are counted by `exposesInternet`).
 * Words like `*` or `Internet` admit all.
 */
export function publicAddressesAdmitted(sources: readonly string[]): number {
  return Number(admitted(sources, 'ipv4'));
}

/** Every public IPv4 address there is. */
export const PUBLIC_ADDRESSES = Number(PUBLIC.ipv4);

/** True when the union of `sources` admits the whole internet of either family (every public address). */
export function coversInternet(sources: readonly string[]): boolean {
  return admitted(sources, 'ipv4') >= PUBLIC.ipv4 || admitted(sources, 'ipv6') >= PUBLIC.ipv6;
}

/**
 * True when the union admits more of the internet than an allow-list plausibly means: more than a /8 of public
 * IPv4 addresses (16.7 million), or more than a /32 of public IPv6 (an ISP's whole allocation; a site is a /48). An
 * allow-list names offices and CI egress, not continents.
 */
export function exposesInternet(sources: readonly string[]): boolean {
  return admitted(sources, 'ipv4') > 1n << 24n || admitted(sources, 'ipv6') > 1n << 96n;
}

/** The access-CIDR check every construct with an allow-list makes: throws naming the prop. */
export function validateAllowList(prop: string, cidrs: readonly string[]): void {
  for (const cidr of cidrs) if (!isIpv4Cidr(cidr)) throw new Error(`${prop}: not an IPv4 network (got "${cidr}")`);
  if (exposesInternet(cidrs)) throw new Error(`${prop}: together these ranges admit ${coversInternet(cidrs) ? 'the whole internet' : 'more than a /8 of the internet'} (got ${JSON.stringify(cidrs)})`);
}
