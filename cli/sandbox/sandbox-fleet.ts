import type { CatalogueInput, RegionEntryInput } from '../../regions/schema';
import { EMULATOR_ACCOUNT, sandboxCatalogue } from './sandbox-catalogue';

export interface SandboxFleetOptions {
  /** Emulator base URL. */
  readonly endpoint: string;
  /** The canary's health check URL (a local server the test controls). */
  readonly canaryCheckUrl: string;
  /** Changes to one entry by id, e.g. to make a change to roll out. @default {} */
  readonly changes?: Readonly<Record<string, Partial<RegionEntryInput>>>;
}

/**
 * A four-region fleet on the emulator — dev, staging, a production canary and one more production region, one
 * wave each — for rolling out wave by wave with real applies. One region per cluster: moto gives every EKS cluster
 * of a region the same OIDC issuer, so a second cluster's OIDC provider would collide with the first one's (AWS
 * gives each cluster its own). Artifactory only in dev (the rollout is the subject), one
 * NAT gateway per region, no bake.
 */
export function sandboxFleetCatalogue(options: SandboxFleetOptions): CatalogueInput {
  const base = sandboxCatalogue({ endpoint: options.endpoint, stateBucket: 'kore-fleet-tfstate' });
  const template = base.regions[0];
  const entry = (id: string, region: string, environment: 'dev' | 'staging' | 'prod', wave: number, octet: number): RegionEntryInput => ({
    ...template,
    id,
    region,
    environment,
    wave,
    network: { cidr: `10.${octet}.0.0/16`, zoneCount: 2, natGateways: 'single' },
    dns: { zone: `${id}.fleet.kore.test` },
    // The catalogue needs one Artifactory primary: dev keeps the template's, the others have none.
    artifactory: id === 'dev-use1' ? template.artifactory : undefined,
    account: EMULATOR_ACCOUNT,
    ...options.changes?.[id],
  });
  return {
    ...base,
    domain: 'fleet.kore.test',
    regions: [entry('dev-use1', 'us-east-1', 'dev', 0, 91), entry('staging-usw2', 'us-west-2', 'staging', 1, 92), entry('prod-use2', 'us-east-2', 'prod', 2, 93), entry('prod-euw1', 'eu-west-1', 'prod', 3, 94)],
    globalNames: {},
    rollout: { approvals: [], canaryBake: '0s', fastPathBake: '0s', checkInterval: '1s', healthChecks: { 'prod-use2': [{ name: 'ping', url: options.canaryCheckUrl }] } },
  };
}
