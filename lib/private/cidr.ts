import * as ipaddr from 'ipaddr.js';

/** An IPv4 network as integers, for the arithmetic ipaddr.js does not do (subnetting, overlap). */
export interface Ipv4Network {
  readonly base: number;
  readonly prefix: number;
}

/**
 * Parses `a.b.c.d/n` strictly: four decimal octets without leading zeros (ipaddr.js alone reads `10.060.0.0` as
 * octal and accepts `10.1.0/16`, which AWS and Azure read differently), a prefix of 0-32, and the network address
 * itself (no host bits set).
 */
export function parseIpv4Cidr(cidr: string): Ipv4Network {
  const [address, prefixText, ...rest] = cidr.split('/');
  if (rest.length > 0 || prefixText === undefined || !/^(3[0-2]|[12]?\d)$/.test(prefixText) || !isIpv4Address(address)) {
    throw new Error(`not an IPv4 CIDR: ${cidr}`);
  }
  const prefix = Number(prefixText);
  const value = toInt(address.split('.').map(Number));
  const base = prefix === 0 ? 0 : (value & maskOf(prefix)) >>> 0;
  if (base !== value) throw new Error(`host bits set in ${cidr} (network address is ${fromInt(base)}/${prefix})`);
  return { base, prefix };
}

/** A dotted-quad IPv4 address: exactly four decimal octets 0-255, no leading zeros, no other notation. */
export function isIpv4Address(address: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(address) && address.split('.').every((o) => o === '0' || !o.startsWith('0'));
}

/** True when `cidr` is a well-formed IPv4 network address with a prefix length. */
export function isIpv4Cidr(cidr: string): boolean {
  try {
    parseIpv4Cidr(cidr);
    return true;
  } catch {
    return false;
  }
}

/** True when two networks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  const prefix = Math.min(x.prefix, y.prefix);
  const mask = maskOf(prefix);
  return ((x.base & mask) >>> 0) === ((y.base & mask) >>> 0);
}

/**
 * Terraform's `cidrsubnet(prefix, newbits, netnum)`, computed at synth time so that subnet CIDRs are literal
 * values in the JSON (reviewable in a plan, and fixed by the address plan rather than by list positions).
 */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
  const { base, prefix } = parseIpv4Cidr(cidr);
  const newPrefix = prefix + newBits;
  if (newBits < 0 || newPrefix > 32) throw new Error(`cannot add ${newBits} bits to /${prefix}`);
  if (!Number.isInteger(netNum) || netNum < 0 || netNum >= 2 ** newBits) {
    throw new Error(`network number ${netNum} does not fit in ${newBits} bits of ${cidr}`);
  }
  const subnet = (base + netNum * 2 ** (32 - newPrefix)) >>> 0;
  return `${fromInt(subnet)}/${newPrefix}`;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function toInt(bytes: number[]): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

function fromInt(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}
