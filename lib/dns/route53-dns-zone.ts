import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';
import { addInitialRecords, DEFAULT_TTL, delegationName, DnsRecordProps, IDnsZone, InitialRecords, normalizeZoneName, RecordBook, recordId } from './dns-zone';

export interface Route53DnsZoneProps {
  readonly zoneName: string;
  /**
   * Look up an existing public zone instead of creating one (a zone made by hand before Terraform).
   * @default false
   */
  readonly adopt?: boolean;
  /** @default - no comment */
  readonly comment?: string;
  /**
   * Refuse `terraform destroy` of the zone (prevent_destroy). False while its region is being decommissioned: the
   * zone may then go, with the records the region's controllers left in it.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Record sets keyed by relative name, added at construction.
   * @default {}
   */
  readonly records?: InitialRecords;
}

/** Where an alias record points: a load balancer, CloudFront distribution or another record. */
export interface AliasTarget {
  readonly dnsName: string;
  readonly zoneId: string;
  /** @default true */
  readonly evaluateTargetHealth?: boolean;
}

/** A Route53 public hosted zone, created or adopted, with validated record sets keyed by name. */
export class Route53DnsZone extends Construct implements IDnsZone {
  public readonly cloud = 'aws' as const;
  public readonly zoneName: string;
  public readonly zoneId: string;
  public readonly nameServers: string[];
  private readonly book: RecordBook;

  constructor(scope: Construct, id: string, props: Route53DnsZoneProps) {
    super(scope, id);
    this.zoneName = normalizeZoneName(props.zoneName);
    this.book = new RecordBook(this.zoneName);
    if (props.adopt) {
      const found = new DataAwsRoute53Zone(this, 'Zone', { name: this.zoneName, privateZone: false });
      this.zoneId = found.zoneId;
      this.nameServers = found.nameServers;
    } else {
      // A destroyed delegated zone takes every name under it offline, and a new one gets new name servers.
      const protect = props.protect ?? true;
      const zone = new Route53Zone(this, 'Zone', { name: this.zoneName, comment: props.comment, forceDestroy: protect ? undefined : true, lifecycle: { preventDestroy: protect } });
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
    addInitialRecords(this, props.records);
  }

  public addRecord(name: string, props: DnsRecordProps): void {
    const rel = this.book.add(name, props);
    new Route53Record(this, recordId(rel, props.type), {
      zoneId: this.zoneId,
      name: this.fqdn(rel),
      type: props.type,
      ttl: props.ttl ?? DEFAULT_TTL,
      // Route53 wants each TXT string quoted; longer than 255 characters it must be split into quoted chunks.
      records: props.type === 'TXT' ? props.values.map(quoteTxt) : [...props.values],
    });
  }

  /** An alias A (or AAAA) record to an AWS target; Route53 answers it at the apex too, unlike a CNAME. */
  public addAlias(name: string, target: AliasTarget, type: 'A' | 'AAAA' = 'A'): void {
    const rel = this.book.add(name, { type, values: [target.dnsName] }, true);
    new Route53Record(this, recordId(rel, type), {
      zoneId: this.zoneId,
      name: this.fqdn(rel),
      type,
      alias: { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: target.evaluateTargetHealth ?? true },
    });
  }

  public addDelegation(child: IDnsZone): void {
    // By its full name: a two-level child (`use1.dev` under the domain) has a dot in its relative name, which
    // addRecord would read as fully qualified.
    delegationName(this, child);
    this.addRecord(child.zoneName, { type: 'NS', values: child.nameServers, ttl: 172_800 });
  }

  /** The fully qualified name of a relative one. */
  public fqdn(relative: string): string {
    return relative === '@' ? this.zoneName : `${relative}.${this.zoneName}`;
  }
}

function quoteTxt(value: string): string {
  const chunks = value.match(/.{1,255}/g) ?? [''];
  return chunks.join('""');
}
