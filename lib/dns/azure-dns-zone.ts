import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { DnsAaaaRecord } from '@cdktf/provider-azurerm/lib/dns-aaaa-record';
import { DnsCnameRecord } from '@cdktf/provider-azurerm/lib/dns-cname-record';
import { DnsNsRecord } from '@cdktf/provider-azurerm/lib/dns-ns-record';
import { DnsTxtRecord } from '@cdktf/provider-azurerm/lib/dns-txt-record';
import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { Construct } from 'constructs';
import { addInitialRecords, DEFAULT_TTL, delegationName, DnsRecordProps, IDnsZone, InitialRecords, normalizeZoneName, RecordBook, recordId } from './dns-zone';

export interface AzureDnsZoneProps {
  readonly zoneName: string;
  /** Resource group the zone lives in. */
  readonly resourceGroupName: string;
  /**
   * Look up an existing zone instead of creating one (a zone made by hand before Terraform).
   * @default false
   */
  readonly adopt?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Record sets keyed by relative name. @default {} */
  readonly records?: InitialRecords;
  /**
   * A CanNotDelete lock on the zone. False while its region is being decommissioned: the lock goes first (one
   * release), then the zone.
   * @default true
   */
  readonly protect?: boolean;
}

/** An Azure public DNS zone with validated record sets keyed by name. */
export class AzureDnsZone extends Construct implements IDnsZone {
  public readonly cloud = 'azure' as const;
  public readonly zoneName: string;
  public readonly zoneId: string;
  public readonly nameServers: string[];
  private readonly book: RecordBook;
  private readonly zone: DnsZone | DataAzurermDnsZone;

  constructor(scope: Construct, id: string, private readonly props: AzureDnsZoneProps) {
    super(scope, id);
    this.zoneName = normalizeZoneName(props.zoneName);
    this.book = new RecordBook(this.zoneName);
    const zone = (this.zone = props.adopt
      ? new DataAzurermDnsZone(this, 'Zone', { name: this.zoneName, resourceGroupName: props.resourceGroupName })
      : new DnsZone(this, 'Zone', { name: this.zoneName, resourceGroupName: props.resourceGroupName, tags: { ...props.tags } }));
    this.zoneId = zone.id;
    this.nameServers = zone.nameServers;
    // A deleted delegated zone takes every name under it offline, and a new one gets new name servers.
    if (!props.adopt && (props.protect ?? true)) new ManagementLock(this, 'DeleteLock', { name: 'delegated-zone', scope: zone.id, lockLevel: 'CanNotDelete', notes: 'Delegated from the parent zone.' });
    addInitialRecords(this, props.records);
  }

  public addRecord(name: string, props: DnsRecordProps): void {
    const rel = this.book.add(name, props);
    const id = recordId(rel, props.type);
    // The zone's name through the resource: records wait for a created zone.
    const common = { name: rel, zoneName: this.zone.name, resourceGroupName: this.props.resourceGroupName, ttl: props.ttl ?? DEFAULT_TTL, tags: { ...this.props.tags } };
    switch (props.type) {
      case 'A':
        new DnsARecord(this, id, { ...common, records: [...props.values] });
        break;
      case 'AAAA':
        new DnsAaaaRecord(this, id, { ...common, records: [...props.values] });
        break;
      case 'CNAME':
        new DnsCnameRecord(this, id, { ...common, record: props.values[0] });
        break;
      case 'TXT':
        new DnsTxtRecord(this, id, { ...common, record: props.values.map((value) => ({ value })) });
        break;
      case 'NS':
        new DnsNsRecord(this, id, { ...common, records: props.values as string[] });
        break;
    }
  }

  public addDelegation(child: IDnsZone): void {
    // By its full name: a two-level child (`use1.dev` under the domain) has a dot in its relative name, which
    // addRecord would read as fully qualified.
    delegationName(this, child);
    this.addRecord(child.zoneName, { type: 'NS', values: child.nameServers, ttl: 172_800 });
  }
}
