import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { AWS_REGION_ZONES } from '../cloud/cloud-regions';
import { Route53DnsZone } from './route53-dns-zone';

/** One regional endpoint behind a global name. */
export interface GlobalNameEndpoint {
  /** Stable key (the catalogue entry id): part of the record's set identifier and Terraform address. */
  readonly id: string;
  /** The regional name users are sent to, e.g. `artifactory.prod-use1.kore.example.com`. */
  readonly target: string;
  /**
   * The AWS region Route53 measures latency against: the endpoint's own region on AWS, the nearest AWS region
   * for an endpoint on another cloud.
   */
  readonly latencyRegion: string;
}

export interface GlobalNameProps {
  /** The parent zone the name lives in. */
  readonly zone: Route53DnsZone;
  /** Relative name, e.g. `artifactory`. */
  readonly name: string;
  readonly endpoints: readonly GlobalNameEndpoint[];
  /** HTTPS path the health checks request, e.g. `/artifactory/api/system/ping`. */
  readonly healthCheckPath: string;
  /** @default 443 */
  readonly port?: number;
  /** @default 60 */
  readonly ttl?: number;
}

/**
 * A global name that sends each user to the nearest healthy region, across clouds: one latency record per
 * endpoint, each with an HTTPS health check, so a failing region drops out of the answers. Route53 allows one
 * routing policy per record set, so endpoints on Azure take part with the nearest AWS region as their latency
 * region instead of a separate geolocation or weighted policy.
 */
export class GlobalName extends Construct {
  public readonly fqdn: string;

  constructor(scope: Construct, id: string, props: GlobalNameProps) {
    super(scope, id);
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(props.name)) throw new Error(`name: one DNS label (got "${props.name}")`);
    if (props.endpoints.length === 0) throw new Error(`endpoints: ${props.name} needs at least one endpoint`);
    if (!props.healthCheckPath.startsWith('/')) throw new Error(`healthCheckPath: must start with / (got "${props.healthCheckPath}")`);
    const seen = new Set<string>();
    for (const e of props.endpoints) {
      if (seen.has(e.id)) throw new Error(`endpoints: duplicate endpoint id "${e.id}"`);
      seen.add(e.id);
      if (!(e.latencyRegion in AWS_REGION_ZONES)) throw new Error(`endpoints.${e.id}.latencyRegion: not a known AWS region (got "${e.latencyRegion}")`);
    }
    this.fqdn = props.zone.fqdn(props.name);

    for (const e of props.endpoints) {
      const check = new Route53HealthCheck(this, `HealthCheck-${e.id}`, {
        type: 'HTTPS',
        fqdn: e.target,
        port: props.port ?? 443,
        resourcePath: props.healthCheckPath,
        requestInterval: 30,
        failureThreshold: 3,
        measureLatency: true,
        tags: { Name: `${this.fqdn} via ${e.id}` },
      });
      new Route53Record(this, `Latency-${e.id}`, {
        zoneId: props.zone.zoneId,
        name: this.fqdn,
        type: 'CNAME',
        ttl: props.ttl ?? 60,
        records: [e.target],
        setIdentifier: e.id,
        latencyRoutingPolicy: { region: e.latencyRegion },
        healthCheckId: check.id,
      });
    }
  }
}
