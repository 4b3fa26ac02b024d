import { devUsEast1 } from './entries/dev-us-east-1';
import { prodApSoutheast1 } from './entries/prod-ap-southeast-1';
import { prodUsEast1 } from './entries/prod-us-east-1';
import { prodWesteurope } from './entries/prod-westeurope';
import { stagingUsWest2 } from './entries/staging-us-west-2';
import { parseCatalogue } from './load';
import type { Catalogue, CatalogueInput } from './schema';

/**
 * The fleet: dev and staging on AWS, a production canary in us-east-1 (Artifactory primary), then production
 * Europe on AKS and production Asia on EKS (Artifactory replicas) in the next wave.
 */
export const DEFAULT_CATALOGUE: CatalogueInput = {
  domain: 'kore.example.com',
  global: {
    cloud: 'aws',
    region: 'us-east-1',
    account: '333333333333',
    tags: { owner: 'platform-team', costCenter: 'eng-prod' },
    state: { backend: 's3', bucket: 'kore-tfstate-333333333333-us-east-1', region: 'us-east-1', lockTable: 'kore-tfstate-lock' },
  },
  regions: [devUsEast1, stagingUsWest2, prodUsEast1, prodWesteurope, prodApSoutheast1],
  replication: {
    license: 'enterprise',
    rules: {
      // Images are pushed on every deploy event, with a full sync every 15 minutes as a safety net.
      docker: { repositories: ['docker-local', 'docker-*-local'], to: ['prod-weu', 'prod-apse1'], mode: 'push', schedule: '0 0/15 * * * ?', eventBased: true },
      // Charts are pulled hourly by each replica's remote repository.
      helm: { repositories: ['helm-remote'], to: ['prod-weu', 'prod-apse1'], mode: 'pull', schedule: '0 0 * * * ?' },
      // Libraries only matter where the VM-era builds run.
      libs: { repositories: ['libs-release-local'], to: ['prod-apse1'], mode: 'push', schedule: '0 0 2 * * ?' },
    },
  },
  // Pipelines log in through OIDC federation as these identities; platform stacks run on runners inside each
  // environment's network (the clusters' API servers are private).
  automation: {
    repository: 'kore-platform/infra',
    environments: {
      dev: { runnerLabels: ['kore-dev'], aws: { planRole: 'kore-ci-plan', applyRole: 'kore-ci-apply' } },
      staging: { runnerLabels: ['kore-staging'], aws: { planRole: 'kore-ci-plan', applyRole: 'kore-ci-apply' } },
      prod: {
        runnerLabels: ['kore-prod'],
        aws: { planRole: 'kore-ci-plan', applyRole: 'kore-ci-apply' },
        azure: {
          plan: { clientId: '5d1c7a20-0000-4000-8000-0000000000c1', objectId: '9a3e5b70-0000-4000-8000-0000000000d1' },
          apply: { clientId: '5d1c7a20-0000-4000-8000-0000000000c2', objectId: '9a3e5b70-0000-4000-8000-0000000000d2' },
        },
      },
    },
  },
  // Defensible choices the guardrail pack would flag, each with its reason (reported in every guardrails report).
  guardrails: {
    suppressions: [
      {
        rule: 'AWS-IAM-003',
        stacks: ['bootstrap'],
        paths: ['bootstrap/CiRoles-*/ApplyAdministrator'],
        reason: 'The deploy identity creates the fleet, IAM roles included, so it administers its account; only the deploy environments of that account may assume it (GitHub OIDC subject pinned, reviewers on staging and production).',
      },
      {
        rule: 'AWS-RDS-006',
        stacks: ['prod-ap-southeast-1'],
        paths: ['prod-ap-southeast-1/ArtifactoryBacking/**'],
        reason: 'The Asia replica database holds only what replication from the primary can rebuild, so a zone outage costs a re-sync, not data; a standby would double its cost.',
      },
      {
        rule: 'AZ-PG-004',
        stacks: ['prod-westeurope'],
        reason: 'The Europe replica database holds only what replication from the primary can rebuild; geo-redundant backups would protect data that exists elsewhere already.',
      },
      {
        rule: 'AZ-ST-006',
        stacks: ['prod-westeurope'],
        paths: ['prod-westeurope/ArtifactoryBacking/**'],
        reason: 'The replica filestore is itself a copy: Artifactory replication refills it from the primary region, so zone-redundant storage is enough.',
      },
      {
        rule: 'AZ-ST-006',
        stacks: ['bootstrap-azure'],
        reason: 'Europe state is versioned with soft delete in zone-redundant storage; during a regional outage its resources cannot be changed anyway, and state is not read across regions.',
      },
    ],
  },
  rollout: {
    approvals: ['staging', 'prod'],
    // The seeds: a day of bake after the canary; a critical fix compresses it but still goes through the canary.
    canaryBake: '24h',
    fastPathBake: '2h',
    checkInterval: '5m',
    healthChecks: {
      'prod-use1': [{ name: 'artifactory-ping', url: 'https://artifactory.prod-use1.kore.example.com/artifactory/api/system/ping', expectStatus: 200 }],
    },
  },
  // The GitOps loop: every cluster's Argo CD follows its own directory; production follows the release branch.
  gitops: {
    repository: 'https://github.com/kore-platform/gitops.git',
    revision: 'main',
    path: 'clusters/{environment}/{region}',
    credentials: 'kore/gitops/repository',
    environments: { prod: { revision: 'release' } },
  },
  globalNames: {
    // Pull images from the nearest healthy Artifactory: the reason the team self-hosts replicas.
    artifactory: { healthCheckPath: '/artifactory/api/system/ping', regions: ['prod-use1', 'prod-weu', 'prod-apse1'] },
  },
};

/** The default catalogue, validated. */
export function defaultCatalogue(): Catalogue {
  return parseCatalogue(DEFAULT_CATALOGUE, 'default catalogue');
}
