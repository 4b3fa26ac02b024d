import type { RegionEntryInput } from '../schema';

/** Production canary: AWS us-east-1, the first production wave; hosts the Artifactory primary. */
export const prodUsEast1: RegionEntryInput = {
  id: 'prod-use1',
  cloud: 'aws',
  region: 'us-east-1',
  account: '333333333333',
  environment: 'prod',
  wave: 2,
  network: { cidr: '10.30.0.0/16', zoneCount: 3, natGateways: 'one-per-zone', interfaceEndpoints: ['ecr', 'sts'] },
  cluster: {
    kubernetesVersion: '1.31',
    nodePools: {
      system: {
        instanceTypes: ['m6i.large'],
        minSize: 2,
        desiredSize: 3,
        maxSize: 3,
        labels: { 'kore.io/pool': 'system' },
        taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
      },
      general: { instanceTypes: ['m6i.xlarge', 'm5.xlarge'], minSize: 3, desiredSize: 3, maxSize: 12, diskSizeGb: 100 },
    },
    access: {
      platform: { principal: 'arn:aws:iam::333333333333:role/platform-admins', policy: 'cluster-admin' },
      developers: { principal: 'arn:aws:iam::333333333333:role/developers', policy: 'view', namespaces: ['production'] },
    },
    namespaces: { production: { labels: { 'kore.io/team': 'apps' }, quota: { requestsCpu: '32', requestsMemory: '64Gi', limitsCpu: '64', limitsMemory: '128Gi', pods: '500' } } },
    argoCd: {
      highAvailability: true,
      // Entra ID single sign-on; the client secret is synchronized from Secrets Manager.
      sso: {
        issuer: 'https://login.microsoftonline.com/7e2a9c10-0000-4000-8000-0000000000aa/v2.0',
        clientId: '2b7d4e10-0000-4000-8000-0000000000e1',
        clientSecret: 'kore/prod-use1/argocd-oidc-client-secret',
        groups: { '0c6f1e4a-0000-4000-8000-0000000000b1': 'admin', '0c6f1e4a-0000-4000-8000-0000000000b2': 'readonly' },
        // The developers manage their own project's applications (the production namespace), nothing else.
        teams: { developers: ['0c6f1e4a-0000-4000-8000-0000000000b3'] },
      },
    },
  },
  dns: { zone: 'prod-use1.kore.example.com' },
  // The billing service has not moved to Kubernetes yet: an image bump here rolls through its group by instance refresh.
  vmServices: [
    {
      name: 'billing',
      image: { amiName: 'kore-billing-2026.11.*', owners: ['333333333333'] },
      size: 'm6i.large',
      capacity: { min: 2, desired: 3, max: 6 },
      ports: [8443],
      healthCheck: { path: '/healthz' },
      dataVolumes: [{ sizeGb: 100 }],
      tags: { service: 'billing' },
    },
  ],
  artifactory: { role: 'primary', replicas: 2, resources: { cpu: '3', memory: '12Gi' }, database: { size: 'db.r6g.large', storageGb: 500, highAvailability: true } },
  tags: { owner: 'platform-team', costCenter: 'eng-prod' },
  state: { backend: 's3', bucket: 'kore-tfstate-333333333333-us-east-1', region: 'us-east-1', lockTable: 'kore-tfstate-lock' },
};
