import { AWS_REGION_ZONES, AZURE_REGION_ZONES } from '../lib/cloud/cloud-regions';
import type { CatalogueInput, RegionEntryInput } from '../regions/schema';
import { DEFAULT_CATALOGUE } from '../regions/catalogue';

/**
 * A valid catalogue of `count` region entries spread over every known AWS and Azure region and the three
 * environments, for measuring synth at fleet scale. Entry i is `<env>-<i>` with 10.<i>.0.0/16 (count ≤ 250).
 */
export function generatedCatalogue(count: number): CatalogueInput {
  const slots = catalogueSlots();
  if (count > slots.length * 3) throw new Error(`at most ${slots.length * 3} entries: one per environment and known region`);
  const envs = ['dev', 'staging', 'prod'] as const;
  const regions: RegionEntryInput[] = [];
  let canary = false;
  for (let i = 0; i < count; i++) {
    const slot = slots[i % slots.length];
    const environment = envs[Math.floor(i / slots.length) % envs.length];
    // Short ids: every derived cloud name (an Azure storage account has 24 characters) stays within its rules.
    const id = `${environment}-${i}`;
    // The first production entry is the canary, alone in its wave; the rest follow in tranches.
    const wave = environment === 'dev' ? 0 : environment === 'staging' ? 1 : canary ? 3 + (i % 3) : 2;
    if (environment === 'prod') canary = true;
    const aws = slot.cloud === 'aws';
    regions.push({
      id,
      cloud: slot.cloud,
      region: slot.region,
      account: aws ? String(100000000000 + i) : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      tenantId: aws ? undefined : '7e2a9c10-0000-4000-8000-0000000000aa',
      environment,
      wave,
      network: { cidr: `10.${i}.0.0/16`, zoneCount: aws ? Math.min(3, AWS_REGION_ZONES[slot.region].length) : 3 },
      cluster: {
        kubernetesVersion: '1.31',
        nodePools: {
          system: { instanceTypes: [aws ? 'm6i.large' : 'Standard_D4s_v5'], minSize: 2, desiredSize: 2, maxSize: 3 },
          general: { instanceTypes: [aws ? 'm6i.xlarge' : 'Standard_D8s_v5'], minSize: 2, desiredSize: 3, maxSize: 10 },
        },
        access: aws ? { platform: { principal: `arn:aws:iam::${100000000000 + i}:role/platform`, policy: 'cluster-admin' } } : {},
      },
      dns: { zone: `${id}.kore.example.com` },
      artifactory:
        i === 0 || i % 5 === 0
          ? { role: i === 0 ? 'primary' : 'replica', keyVault: aws ? undefined : { name: `kore-kv-${i}`, resourceGroup: 'kore-secrets' } }
          : undefined,
      tags: { owner: 'platform-team', costCenter: `eng-${environment}` },
      state: aws
        ? { backend: 's3', bucket: `kore-tfstate-${100000000000 + i}-${slot.region}`, region: slot.region, lockTable: 'kore-tfstate-lock' }
        : { backend: 'azurerm', resourceGroup: 'kore-tfstate', storageAccount: `koretfstate${i}`, container: 'tfstate' },
    });
  }
  const reason = 'A generated benchmark fleet that is synthesized and never deployed, so it keeps the cheaper defaults of replica regions.';
  return {
    domain: DEFAULT_CATALOGUE.domain,
    global: DEFAULT_CATALOGUE.global,
    regions,
    guardrails: { suppressions: ['AWS-RDS-006', 'AZ-PG-004', 'AZ-ST-006'].map((rule) => ({ rule, reason })) },
  };
}

/** Every known region with enough zones, on both clouds: a generated fleet has one entry per environment in each. */
function catalogueSlots(): { cloud: 'aws' | 'azure'; region: string }[] {
  return [
    ...Object.keys(AWS_REGION_ZONES).map((region) => ({ cloud: 'aws' as const, region })),
    ...Object.entries(AZURE_REGION_ZONES).filter(([, zones]) => zones >= 3).map(([region]) => ({ cloud: 'azure' as const, region })),
  ];
}

/** The largest fleet the catalogue's rules allow: every environment in every known region. */
export function largestFleet(): number {
  return catalogueSlots().length * 3;
}
