import * as ipaddr from 'ipaddr.js';
import { isIpv4Address } from '../private/cidr';
import { IConstruct } from 'constructs';

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'NS';

/** A record set: one name, one type, its values. */
export interface DnsRecordProps {
  readonly type: DnsRecordType;
  /** Values: addresses, one target host for CNAME, strings for TXT, name servers for NS. */
  readonly values: readonly string[];
  /**
   * Time to live in seconds, 30 to 172800.
   * @default 300
   */
  readonly ttl?: number;
}

/** A hosted DNS zone on either cloud. */
export interface IDnsZone extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  /** The zone's domain name, e.g. `prod-use1.kore.example.com`. */
  readonly zoneName: string;
  /** The cloud's zone id (a Terraform reference). */
  readonly zoneId: string;
  /** The zone's name servers (a Terraform list reference), for delegating to it. */
  readonly nameServers: string[];
  /**
   * Adds a record set. `name` is relative to the zone (`www`, `@` for the apex) or a name inside it.
   * @throws naming the record when it is outside the zone, a duplicate, a CNAME at the apex, or malformed.
   */
  addRecord(name: string, props: DnsRecordProps): void;
  /** Delegates `child` (a zone on either cloud) from this zone with an NS record set. */
  addDelegation(child: IDnsZone): void;
}

export const DEFAULT_TTL = 300;
const TTL_MIN = 30;
const TTL_MAX = 172_800;
const LABEL = /^(\*|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)$/;

/**
 * Keeps the record sets of one zone and checks each new one against the zone and the others: the rules both
 * clouds share, so that a record valid on one is valid on the other.
 */
export class RecordBook {
  private readonly sets = new Map<string, Set<DnsRecordType>>();

  constructor(private readonly zoneName: string) {}

  /**
   * The name relative to the zone (`@` for the apex). A relative name is one label (`www`); a name with dots is
   * read as fully qualified and must end in the zone's name.
   */
  relative(name: string): string {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (n === '@' || n === this.zoneName) return '@';
    if (n.includes('.') && !n.endsWith(`.${this.zoneName}`)) throw new Error(`records.${name}: ${name} is outside the zone ${this.zoneName}`);
    const rel = n.endsWith(`.${this.zoneName}`) ? n.slice(0, -(this.zoneName.length + 1)) : n;
    for (const label of rel.split('.')) {
      if (!LABEL.test(label)) throw new Error(`records.${name}: "${label}" is not a valid DNS label`);
    }
    return rel;
  }

  /**
   * Validates and registers a record set; returns the relative name. An alias record's value is a target host,
   * not an address, so `alias` skips the address checks.
   */
  add(name: string, props: DnsRecordProps, alias = false): string {
    const rel = this.relative(name);
    const where = `records.${rel}.${props.type}`;
    const ttl = props.ttl ?? DEFAULT_TTL;
    if (!Number.isInteger(ttl) || ttl < TTL_MIN || ttl > TTL_MAX) throw new Error(`${where}.ttl: must be ${TTL_MIN}-${TTL_MAX} seconds (got ${ttl})`);
    if (props.values.length === 0) throw new Error(`${where}.values: at least one value is required`);
    const types = this.sets.get(rel) ?? new Set<DnsRecordType>();
    if (types.has(props.type)) throw new Error(`${where}: duplicate record set (one name and type, one record set)`);
    if (props.type === 'CNAME') {
      if (rel === '@') throw new Error(`${where}: no CNAME at the zone apex (it would shadow the SOA and NS records)`);
      if (types.size > 0) throw new Error(`${where}: a CNAME cannot share its name with other records (${[...types].join(', ')})`);
      if (props.values.length !== 1) throw new Error(`${where}.values: a CNAME has exactly one target (got ${props.values.length})`);
    } else if (types.has('CNAME')) {
      throw new Error(`${where}: ${rel} already has a CNAME, which cannot share its name`);
    }
    if (props.type === 'NS' && rel === '@') throw new Error(`${where}: the apex NS records belong to the zone itself`);
    for (const value of alias ? [] : props.values) {
      if (props.type === 'A' && !isUnresolved(value) && !isIpv4Address(value)) throw new Error(`${where}.values: not an IPv4 address (got "${value}")`);
      if (props.type === 'AAAA' && !isUnresolved(value) && !ipaddr.IPv6.isValid(value)) throw new Error(`${where}.values: not an IPv6 address (got "${value}")`);
      if (props.type === 'TXT' && value.length > 4000) throw new Error(`${where}.values: TXT values are at most 4000 characters`);
    }
    types.add(props.type);
    this.sets.set(rel, types);
    return rel;
  }
}

function isUnresolved(value: string): boolean {
  return value.includes('${');
}

/** The zone name: lowercase, no trailing dot. @throws when it is not a DNS name. */
export function normalizeZoneName(zoneName: string): string {
  const n = zoneName.toLowerCase().replace(/\.$/, '');
  if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(n)) throw new Error(`zoneName: not a DNS name (got "${zoneName}")`);
  return n;
}

/** The child's label relative to its parent (`prod-use1` of `prod-use1.kore.example.com`). */
export function delegationName(parent: IDnsZone, child: IDnsZone): string {
  if (!child.zoneName.endsWith(`.${parent.zoneName}`)) {
    throw new Error(`addDelegation: ${child.zoneName} is not inside ${parent.zoneName}`);
  }
  return child.zoneName.slice(0, -(parent.zoneName.length + 1));
}

/** Record sets given at construction: one or several per name. */
export type InitialRecords = Readonly<Record<string, DnsRecordProps | readonly DnsRecordProps[]>>;

const isRecordList = (v: DnsRecordProps | readonly DnsRecordProps[]): v is readonly DnsRecordProps[] => Array.isArray(v);

/** Adds construction-time record sets through the zone's own addRecord (same validation, same ids). */
export function addInitialRecords(zone: IDnsZone, records: InitialRecords | undefined): void {
  for (const [name, sets] of Object.entries(records ?? {})) {
    for (const set of isRecordList(sets) ? sets : [sets]) zone.addRecord(name, set);
  }
}

/** Construct id of a record set, keyed by relative name and type (stable Terraform address). */
export function recordId(relative: string, type: DnsRecordType): string {
  return `Record-${relative === '@' ? 'apex' : relative}-${type}`;
}
