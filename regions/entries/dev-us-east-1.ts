import type { RegionEntryInput } from '../schema';

/** Development: AWS us-east-1, first wave, small and cheap (one NAT gateway, public API for the office). */
export const devUsEast1: RegionEntryInput = {
  id: 'dev-use1',
  cloud: 'aws',
  region: 'us-east-1',
  account: '111111111111',
  environment: 'dev',
  wave: 0,
  network: { cidr: '10.10.0.0/16', zoneCount: 2, natGateways: 'single' },
  cluster: {
    kubernetesVersion: '1.31',
    publicAccessCidrs: ['203.0.113.0/24'],
    nodePools: {
      general: { instanceTypes: ['t3.large'], minSize: 1, desiredSize: 2, maxSize: 4 },
    },
    access: {
      platform: { principal: 'arn:aws:iam::111111111111:role/platform-admins', policy: 'cluster-admin' },
      developers: { principal: 'arn:aws:iam::111111111111:role/developers', policy: 'edit', namespaces: ['development'] },
    },
    namespaces: {
      development: { labels: { 'kore.io/team': 'apps' }, quota: { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi' } },
    },
    argoCd: {},
  },
  dns: { zone: 'dev-use1.kore.example.com' },
  tags: { owner: 'platform-team', costCenter: 'eng-dev' },
  state: { backend: 's3', bucket: 'kore-tfstate-111111111111-us-east-1', region: 'us-east-1', lockTable: 'kore-tfstate-lock' },
};
