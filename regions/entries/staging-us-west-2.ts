import type { RegionEntryInput } from '../schema';

/** Staging: AWS us-west-2, the last gate before production. */
export const stagingUsWest2: RegionEntryInput = {
  id: 'staging-usw2',
  cloud: 'aws',
  region: 'us-west-2',
  account: '222222222222',
  environment: 'staging',
  wave: 1,
  network: { cidr: '10.20.0.0/16', zoneCount: 3, natGateways: 'single', interfaceEndpoints: ['ecr', 'sts'] },
  cluster: {
    kubernetesVersion: '1.31',
    nodePools: {
      general: { instanceTypes: ['m6i.large', 'm5.large'], minSize: 2, desiredSize: 3, maxSize: 6 },
    },
    access: {
      platform: { principal: 'arn:aws:iam::222222222222:role/platform-admins', policy: 'cluster-admin' },
      developers: { principal: 'arn:aws:iam::222222222222:role/developers', policy: 'view', namespaces: ['staging'] },
    },
    namespaces: { staging: { labels: { 'kore.io/team': 'apps' } } },
    argoCd: {},
  },
  dns: { zone: 'staging-usw2.kore.example.com' },
  tags: { owner: 'platform-team', costCenter: 'eng-staging' },
  state: { backend: 's3', bucket: 'kore-tfstate-222222222222-us-west-2', region: 'us-west-2', lockTable: 'kore-tfstate-lock' },
};
