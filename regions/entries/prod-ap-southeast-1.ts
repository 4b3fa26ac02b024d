import type { RegionEntryInput } from '../schema';

/** Production Asia: AWS ap-southeast-1, second production wave; an Artifactory replica close to Asian clusters. */
export const prodApSoutheast1: RegionEntryInput = {
  id: 'prod-apse1',
  cloud: 'aws',
  region: 'ap-southeast-1',
  account: '333333333333',
  environment: 'prod',
  wave: 3,
  network: { cidr: '10.50.0.0/16', zoneCount: 3, natGateways: 'one-per-zone', interfaceEndpoints: ['ecr', 'sts'] },
  cluster: {
    kubernetesVersion: '1.31',
    nodePools: {
      general: { instanceTypes: ['m6i.xlarge', 'm5.xlarge'], minSize: 3, desiredSize: 3, maxSize: 9, diskSizeGb: 100 },
    },
    access: {
      platform: { principal: 'arn:aws:iam::333333333333:role/platform-admins', policy: 'cluster-admin' },
    },
    namespaces: { production: { labels: { 'kore.io/team': 'apps' } } },
    argoCd: { highAvailability: true },
  },
  dns: { zone: 'prod-apse1.kore.example.com' },
  artifactory: { role: 'replica', database: { size: 'db.m6g.large', storageGb: 200 } },
  tags: { owner: 'platform-team', costCenter: 'eng-prod' },
  state: { backend: 's3', bucket: 'kore-tfstate-333333333333-ap-southeast-1', region: 'ap-southeast-1', lockTable: 'kore-tfstate-lock' },
};
