import type { CatalogueInput, RegionEntryInput } from '../../regions/schema';

/** The account moto reports for any credentials. */
export const EMULATOR_ACCOUNT = '123456789012';

export interface SandboxCatalogueOptions {
  /** Emulator base URL. */
  readonly endpoint: string;
  /**
   * State bucket (created by the bootstrap stack on the emulator).
   * @default 'kore-sandbox-tfstate'
   */
  readonly stateBucket?: string;
  /** Changes to the single region entry (network size, node pools, …). */
  readonly region?: Partial<RegionEntryInput>;
}

/**
 * A one-region catalogue whose every AWS call (providers and S3 backend) goes to a local emulator: what the
 * integration tests and `npm run demo:drift` deploy. Small on purpose (two zones, one NAT gateway).
 */
export function sandboxCatalogue(options: SandboxCatalogueOptions): CatalogueInput {
  const bucket = options.stateBucket ?? 'kore-sandbox-tfstate';
  const state = { backend: 's3' as const, bucket, region: 'us-east-1', lockTable: 'kore-sandbox-lock', keyPrefix: 'sandbox' };
  const sandbox = { awsEndpoint: options.endpoint };
  return {
    domain: 'sandbox.kore.test',
    global: {
      cloud: 'aws',
      region: 'us-east-1',
      account: EMULATOR_ACCOUNT,
      tags: { owner: 'platform-team', costCenter: 'sandbox' },
      state,
      sandbox,
    },
    regions: [
      {
        id: 'sandbox-use1',
        cloud: 'aws',
        region: 'us-east-1',
        account: EMULATOR_ACCOUNT,
        environment: 'dev',
        wave: 0,
        network: { cidr: '10.99.0.0/16', zoneCount: 2, natGateways: 'single' },
        cluster: {
          kubernetesVersion: '1.31',
          nodePools: { general: { instanceTypes: ['t3.medium'], minSize: 1, desiredSize: 1, maxSize: 2 } },
        },
        dns: { zone: 'use1.sandbox.kore.test' },
        // Sized for the t3.medium pool (the emulator runs no pods, but the catalogue must still make sense).
        artifactory: { role: 'primary', resources: { cpu: '1', memory: '2Gi' } },
        tags: { owner: 'platform-team', costCenter: 'sandbox' },
        state,
        sandbox,
        ...options.region,
      },
    ],
    globalNames: { api: { healthCheckPath: '/healthz', regions: ['sandbox-use1'] } },
    guardrails: {
      suppressions: [
        { rule: 'AWS-RDS-006', stacks: ['dev-us-east-1'], reason: 'A sandbox on a local emulator: no zone can fail, and a standby would only slow every test apply down.' },
      ],
    },
  };
}
