/**
 * Node and database sizes per cloud: what a size is called, and what a node of it offers. Cloud facts, kept as data
 * (synth runs offline): families are listed, sizes within a family follow the cloud's naming scheme. A size that is
 * well-formed but of an unlisted family is accepted with a warning; a size of the other cloud is an error.
 */

/** vCPUs and memory (GiB) of one node size. */
export interface NodeCapacity {
  readonly vcpu: number;
  readonly memoryGib: number;
}

/** EC2 families used for Kubernetes nodes → GiB of memory per vCPU. */
const EC2_FAMILIES: Readonly<Record<string, number>> = {
  m5: 4, m5a: 4, m5n: 4, m6a: 4, m6g: 4, m6i: 4, m6in: 4, m7a: 4, m7g: 4, m7i: 4, m8g: 4,
  c5: 2, c5a: 2, c5n: 2.625, c6a: 2, c6g: 2, c6i: 2, c7a: 2, c7g: 2, c7i: 2, c8g: 2,
  r5: 8, r5a: 8, r6a: 8, r6g: 8, r6i: 8, r7a: 8, r7g: 8, r7i: 8, r8g: 8,
  t3: 0, t3a: 0, t4g: 0,
};
/** EC2 size suffix → vCPUs. */
const EC2_SIZES: Readonly<Record<string, number>> = {
  medium: 1, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48, '16xlarge': 64, '24xlarge': 96,
};
/** Burstable sizes are not proportional. */
const T_SIZES: Readonly<Record<string, NodeCapacity>> = {
  medium: { vcpu: 2, memoryGib: 4 }, large: { vcpu: 2, memoryGib: 8 }, xlarge: { vcpu: 4, memoryGib: 16 }, '2xlarge': { vcpu: 8, memoryGib: 32 },
};
const EC2_TYPE = /^([a-z][a-z0-9]*[0-9][a-z0-9-]*)\.([a-z0-9]+)$/;

/** Azure VM series → GiB per vCPU (`Standard_D8s_v5`: D series, 8 vCPUs). */
const AZURE_SERIES: Readonly<Record<string, number>> = { D: 4, E: 8, F: 2 };
const AZURE_SIZE = /^Standard_([A-Z]+)(\d+)([a-z]*)_v(\d)$/;

export type SizeCheck = { readonly error: string } | { readonly warning: string } | undefined;

/** What a node size of `cloud` offers, when the family is known. */
export function nodeCapacity(cloud: 'aws' | 'azure', size: string): NodeCapacity | undefined {
  if (cloud === 'aws') {
    const m = EC2_TYPE.exec(size);
    if (!m || !(m[1] in EC2_FAMILIES)) return undefined;
    if (EC2_FAMILIES[m[1]] === 0) return T_SIZES[m[2]];
    const vcpu = EC2_SIZES[m[2]];
    return vcpu === undefined ? undefined : { vcpu, memoryGib: vcpu * EC2_FAMILIES[m[1]] };
  }
  const m = AZURE_SIZE.exec(size);
  if (!m || !(m[1] in AZURE_SERIES)) return undefined;
  const vcpu = Number(m[2]);
  return { vcpu, memoryGib: vcpu * AZURE_SERIES[m[1]] };
}

/** Whether `size` is a node size of `cloud`: an error for another cloud's size or nonsense, a warning for an unlisted family. */
export function nodeSizeCheck(cloud: 'aws' | 'azure', size: string): SizeCheck {
  if (cloud === 'aws') {
    if (AZURE_SIZE.test(size) || size.startsWith('Standard_')) return { error: `"${size}" is an Azure VM size; EKS nodes take EC2 instance types such as m6i.xlarge` };
    if (!EC2_TYPE.test(size)) return { error: `"${size}" is not an EC2 instance type (family.size, such as m6i.xlarge)` };
    return nodeCapacity('aws', size) ? undefined : { warning: `EC2 instance type "${size}" is not in the known families; its capacity cannot be checked` };
  }
  if (EC2_TYPE.test(size)) return { error: `"${size}" is an EC2 instance type; AKS nodes take Azure VM sizes such as Standard_D4s_v5` };
  if (!AZURE_SIZE.test(size)) return { error: `"${size}" is not an Azure VM size (such as Standard_D4s_v5)` };
  return nodeCapacity('azure', size) ? undefined : { warning: `Azure VM size "${size}" is not in the known series (D, E, F); its capacity cannot be checked` };
}

const RDS_CLASS = /^db\.[a-z][a-z0-9]*\.[a-z0-9]+$/;
const AZURE_PG_SKU = /^(B|GP|MO)_Standard_[A-Z][A-Za-z0-9_]+$/;

/** Whether `size` is a database size of `cloud`: an RDS instance class on AWS, a flexible server SKU on Azure. */
export function databaseSizeCheck(cloud: 'aws' | 'azure', size: string): SizeCheck {
  if (cloud === 'aws') {
    if (AZURE_PG_SKU.test(size)) return { error: `"${size}" is an Azure PostgreSQL SKU; RDS takes instance classes such as db.r6g.large` };
    return RDS_CLASS.test(size) ? undefined : { error: `"${size}" is not an RDS instance class (such as db.r6g.large)` };
  }
  if (RDS_CLASS.test(size)) return { error: `"${size}" is an RDS instance class; Azure PostgreSQL takes SKUs such as GP_Standard_D4ds_v5` };
  return AZURE_PG_SKU.test(size) ? undefined : { error: `"${size}" is not an Azure PostgreSQL flexible server SKU (such as GP_Standard_D4ds_v5)` };
}
