import { TerraformOutput } from 'cdktf';
import { FleetStack } from './fleet-stack';
import { Construct } from 'constructs';
import { AcmeChallengePrincipal, AcmeChallengeRole } from '../lib/dns/acme-challenge-role';
import { IDnsZone } from '../lib/dns/dns-zone';
import { GlobalName } from '../lib/dns/global-name';
import { Route53DnsZone } from '../lib/dns/route53-dns-zone';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { standardTags } from '../lib/private/naming';
import { configureRemoteState } from '../lib/state/remote-state';
import { latencyRegionOf } from '../lib/cloud/cloud-regions';
import { ACME_CHALLENGE_ROLE, globalHostnamesOf } from '../regions/cloud-names';
import type { Catalogue } from '../regions/schema';
import { GLOBAL_STACK_NAME } from '../regions/stack-names';

export interface GlobalStackProps {
  readonly catalogue: Catalogue;
  /** Each region's sub-zone, by catalogue entry id: delegated from the parent zone. */
  readonly regionZones: Readonly<Record<string, IDnsZone>>;
  /** Each region's ACME challenge principal, by entry id: the global names' certificates are validated here. */
  readonly acmePrincipals: Readonly<Record<string, AcmeChallengePrincipal>>;
}

/**
 * What spans every region: the parent DNS zone, the delegation of each region's sub-zone (on either cloud), and
 * the global names that route users to the nearest healthy region, and the role through which the regions prove
 * they serve those names (ACME DNS-01). It reads the sub-zones' name servers from the
 * region stacks' state, so it is applied after them. Composes only.
 */
export class GlobalStack extends FleetStack {
  public readonly parentZone: Route53DnsZone;

  constructor(scope: Construct, props: GlobalStackProps) {
    super(scope, GLOBAL_STACK_NAME);
    const { catalogue } = props;
    const { global, domain } = catalogue;
    const tags = standardTags(global.tags, { environment: 'global', stack: GLOBAL_STACK_NAME });
    const sandbox = global.sandbox ? { url: global.sandbox.awsEndpoint } : undefined;
    configureRemoteState(this, { state: global.state, stackName: GLOBAL_STACK_NAME, sandbox });
    regionalAwsProvider(this, 'aws', { region: global.region, accountId: global.account, tags, sandbox });

    this.parentZone = new Route53DnsZone(this, 'ParentZone', { zoneName: domain, comment: 'Parent zone; regions are delegated sub-zones' });
    for (const entry of catalogue.regions) {
      const zone = props.regionZones[entry.id];
      if (zone) this.parentZone.addDelegation(zone);
    }
    for (const [label, spec] of Object.entries(catalogue.globalNames)) {
      new GlobalName(this, `GlobalName-${label}`, {
        zone: this.parentZone,
        name: label,
        healthCheckPath: spec.healthCheckPath,
        port: spec.port,
        endpoints: spec.regions.flatMap((id) => {
          // Validated: every id names an entry.
          const entry = catalogue.regions.find((r) => r.id === id);
          if (!entry) return [];
          return { id, target: `${label}.${entry.dns.zone}`, latencyRegion: latencyRegionOf(entry.cloud, entry.region) };
        }),
      });
    }
    // Regions serving a global name answer its DNS-01 challenges in this zone, through this role only.
    const serving = catalogue.regions.filter((e) => globalHostnamesOf(catalogue, e.id).length > 0 && props.acmePrincipals[e.id]);
    if (serving.length > 0) {
      new AcmeChallengeRole(this, 'AcmeChallenge', {
        name: ACME_CHALLENGE_ROLE,
        zoneId: this.parentZone.zoneId,
        hostnames: Object.keys(catalogue.globalNames).map((label) => `${label}.${domain}`),
        principals: Object.fromEntries(serving.map((e) => [e.id, props.acmePrincipals[e.id]])),
      });
    }
    new TerraformOutput(this, 'parent_zone_id', { value: this.parentZone.zoneId });
    new TerraformOutput(this, 'parent_zone_name_servers', { value: this.parentZone.nameServers });
  }
}
