/**
 * Real regions of each cloud and their availability zones.
 *
 * AWS zone letters are the ones each region actually has (ap-northeast-1 has no "b"), so that a catalogue entry's
 * `zoneCount` maps to zone names that exist. Azure zones are the numbers "1".."3" where the region supports them.
 * Cloud facts, not catalogue: constructs and the catalogue schema both read them. Kept as data, not fetched: synth must work offline and deterministically.
 */
export type Cloud = 'aws' | 'azure';

/** AWS region → the letters of its availability zones, in the order subnets take them. */
export const AWS_REGION_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-north-1': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-south-1': 'abc',
  'sa-east-1': 'abc',
};

/** Azure region → how many availability zones it offers (0: the region has no zones). */
export const AZURE_REGION_ZONES: Readonly<Record<string, number>> = {
  westeurope: 3,
  northeurope: 3,
  germanywestcentral: 3,
  francecentral: 3,
  uksouth: 3,
  swedencentral: 3,
  switzerlandnorth: 3,
  eastus: 3,
  eastus2: 3,
  westus2: 3,
  westus3: 3,
  centralus: 3,
  southeastasia: 3,
  eastasia: 3,
  japaneast: 3,
  australiaeast: 3,
  westus: 0,
  northcentralus: 0,
  ukwest: 0,
};

/** True when `region` is a region of `cloud` that this catalogue knows. */
export function isKnownRegion(cloud: Cloud, region: string): boolean {
  return cloud === 'aws' ? region in AWS_REGION_ZONES : region in AZURE_REGION_ZONES;
}

/** How many availability zones `region` has (0 for an unknown region). */
export function zoneCapacity(cloud: Cloud, region: string): number {
  if (cloud === 'aws') return AWS_REGION_ZONES[region]?.length ?? 0;
  return AZURE_REGION_ZONES[region] ?? 0;
}

/**
 * The first `count` zone names of a region: `us-east-1a`… on AWS, `1`… on Azure.
 * @throws when the region has fewer zones than asked for.
 */
export function zoneNames(cloud: Cloud, region: string, count: number): string[] {
  const capacity = zoneCapacity(cloud, region);
  if (count > capacity) {
    throw new Error(`region ${region} has ${capacity} availability zones, ${count} were asked for`);
  }
  if (cloud === 'aws') return [...AWS_REGION_ZONES[region]].slice(0, count).map((letter) => `${region}${letter}`);
  return Array.from({ length: count }, (_, i) => String(i + 1));
}

/**
 * The nearest AWS region to each Azure region, for Route53 latency records that point at Azure endpoints
 * (Route53 measures latency against AWS regions only).
 */
export const NEAREST_AWS_REGION: Readonly<Record<string, string>> = {
  westeurope: 'eu-central-1',
  northeurope: 'eu-west-1',
  germanywestcentral: 'eu-central-1',
  francecentral: 'eu-west-3',
  uksouth: 'eu-west-2',
  ukwest: 'eu-west-2',
  swedencentral: 'eu-north-1',
  switzerlandnorth: 'eu-central-1',
  eastus: 'us-east-1',
  eastus2: 'us-east-1',
  centralus: 'us-east-2',
  northcentralus: 'us-east-2',
  westus: 'us-west-1',
  westus2: 'us-west-2',
  westus3: 'us-west-2',
  southeastasia: 'ap-southeast-1',
  eastasia: 'ap-southeast-1',
  japaneast: 'ap-northeast-1',
  australiaeast: 'ap-southeast-2',
};

/** The AWS region Route53 measures an endpoint's latency against. */
export function latencyRegionOf(cloud: Cloud, region: string): string {
  return cloud === 'aws' ? region : NEAREST_AWS_REGION[region];
}
