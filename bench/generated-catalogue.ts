import { AWS_REGION_ZONES, AZURE_REGION_ZONES } from '../lib/cloud/cloud-regions';
import type { CatalogueInput, RegionEntryInput } from '../regions/schema';
import { DEFAULT_CATALOGUE } from '../regions/catalogue';

/**
 * A valid catalogue of `count` region entries spread over every known AWS and Azure region and the three
 * environments, for measuring synth at fleet scale. Entry i gets 10.<i>.0.0/16 (count ≤ 250).
 */
export function generatedCatalogue(count: number): CatalogueInput {
  const slots: { cloud: 'aws' | 'azure'; region: string }[] = [
    ...Object.keys(AWS_REGION_ZONES).map((region) => ({ cloud: 'aws' as const, region })),
    ...Object.entries(AZURE_REGION_ZONES).filter(([, zones]) => zones >= 3).map(([region]) => ({ cloud: 'azure' as const, region })),
  ];
  const envs = ['dev', 'staging', 'prod'] as const;
  const regions: RegionEntryInput[] = [];
  for (let i = 0; i < count; i++) {
    const slot = slots[i % slots.length];
    const environment = envs[Math.floor(i / slots.length) % envs.length];
    const id = `${environment}-${slot.region}`.slice(0, 40);
    const wave = environment === 'dev' ? 0 : environment === 'staging' ? 1 : 2 + (i % 3);
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
