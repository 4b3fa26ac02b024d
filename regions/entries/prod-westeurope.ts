import type { RegionEntryInput } from '../schema';

/** Production Europe: Azure westeurope (AKS), second production wave; an Artifactory replica for EU clusters. */
export const prodWesteurope: RegionEntryInput = {
  id: 'prod-weu',
  cloud: 'azure',
  region: 'westeurope',
  account: '4b1f2c3d-0000-4000-8000-000000000001',
  tenantId: '7e2a9c10-0000-4000-8000-0000000000aa',
  environment: 'prod',
  wave: 3,
  network: { cidr: '10.40.0.0/16', zoneCount: 3 },
  cluster: {
    kubernetesVersion: '1.31',
    nodePools: {
      system: { instanceTypes: ['Standard_D4s_v5'], minSize: 2, desiredSize: 3, maxSize: 3 },
      general: { instanceTypes: ['Standard_D8s_v5'], minSize: 3, desiredSize: 3, maxSize: 12, diskSizeGb: 128 },
    },
    access: {
      platform: { principal: '0c6f1e4a-0000-4000-8000-0000000000b1', policy: 'cluster-admin' },
      developers: { principal: '0c6f1e4a-0000-4000-8000-0000000000b2', policy: 'view', namespaces: ['production'] },
    },
    namespaces: { production: { labels: { 'kore.io/team': 'apps' } } },
    argoCd: {
      highAvailability: true,
      sso: {
        issuer: 'https://login.microsoftonline.com/7e2a9c10-0000-4000-8000-0000000000aa/v2.0',
        clientId: '2b7d4e10-0000-4000-8000-0000000000e2',
        clientSecret: 'argocd-oidc-client-secret',
        groups: { '0c6f1e4a-0000-4000-8000-0000000000b1': 'admin', '0c6f1e4a-0000-4000-8000-0000000000b2': 'readonly' },
      },
    },
  },
  dns: { zone: 'prod-weu.kore.example.com' },
  // Europe's billing service, still on VMs: a scale set rolled by its upgrade policy.
  vmServices: [
    {
      name: 'billing',
      image: { galleryImageVersionId: '/subscriptions/4b1f2c3d-0000-4000-8000-000000000001/resourceGroups/kore-images/providers/Microsoft.Compute/galleries/kore/images/billing/versions/2026.11.2' },
      size: 'Standard_D2s_v5',
      capacity: { min: 2, desired: 3, max: 6 },
      ports: [8443],
      healthCheck: { path: '/healthz' },
      breakGlassSshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKore0BreakGlassKeyHeldOfflineOnlyPublicHalf platform-break-glass',
      tags: { service: 'billing' },
    },
  ],
  artifactory: { role: 'replica', database: { size: 'GP_Standard_D4ds_v5', storageGb: 256 }, keyVault: { name: 'kore-prod-weu-kv', resourceGroup: 'kore-secrets' } },
  tags: { owner: 'platform-team', costCenter: 'eng-prod' },
  state: { backend: 'azurerm', resourceGroup: 'kore-tfstate', storageAccount: 'koretfstateprodweu', container: 'tfstate' },
};
