import { isIpv4Cidr, parseIpv4Cidr } from '../private/cidr';

/*
 * Exposure as a set computation: what matters is the union of every allowed range, not each entry. `0.0.0.0/1` and
 * `128.0.0.0/1` are each "not /0" and together the whole internet.
 */

/** Address ranges that are not the internet (RFC 1918, loopback, link-local, CGNAT, this-network, multicast, …). */
const NOT_INTERNET = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];

type Interval = [number, number];

function interval(cidr: string): Interval {
  const { base, prefix } = parseIpv4Cidr(cidr);
  return [base, base + 2 ** (32 - prefix) - 1];
}

function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const size = (xs: Interval[]) => xs.reduce((n, [lo, hi]) => n + (hi - lo + 1), 0);

/** How many public (internet-routable) addresses the union of `sources` admits. Words like `*` or `Internet` admit all. */
export function publicAddressesAdmitted(sources: readonly string[]): number {
  const everything = sources.some((s) => ['*', 'Internet', 'any', 'Any'].includes(s));
  const ranges = union(everything ? [[0, 2 ** 32 - 1]] : sources.filter(isIpv4Cidr).map(interval));
  const excluded = union(NOT_INTERNET.map(interval));
  // Subtract the non-internet ranges from the union, interval by interval.
  let count = 0;
  for (const [lo, hi] of ranges) {
    let covered = hi - lo + 1;
    for (const [xlo, xhi] of excluded) covered -= Math.max(0, Math.min(hi, xhi) - Math.max(lo, xlo) + 1);
    count += covered;
  }
  return count;
}

/** Every public IPv4 address there is. */
export const PUBLIC_ADDRESSES = 2 ** 32 - size(union(NOT_INTERNET.map(interval)));

/** True when the union of `sources` admits the whole internet (every public address). */
export function coversInternet(sources: readonly string[]): boolean {
  return publicAddressesAdmitted(sources) >= PUBLIC_ADDRESSES;
}

/**
 * True when the union admits more of the internet than an allow-list plausibly means: more than a /8 of public
 * addresses (16.7 million). An allow-list names offices and CI egress, not continents.
 */
export function exposesInternet(sources: readonly string[]): boolean {
  return publicAddressesAdmitted(sources) > 2 ** 24;
}

/** The access-CIDR check every construct with an allow-list makes: throws naming the prop. */
export function validateAllowList(prop: string, cidrs: readonly string[]): void {
  for (const cidr of cidrs) if (!isIpv4Cidr(cidr)) throw new Error(`${prop}: not an IPv4 network (got "${cidr}")`);
  if (exposesInternet(cidrs)) throw new Error(`${prop}: together these ranges admit ${coversInternet(cidrs) ? 'the whole internet' : 'more than a /8 of the internet'} (got ${JSON.stringify(cidrs)})`);
}
