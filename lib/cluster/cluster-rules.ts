import { nodeSizeCheck } from '../cloud/instance-types';
import type { AccessGrant, NodePoolProps } from './cluster';

/*
 * The rules of clusters, as functions that return a problem (or nothing): the constructs throw them, and the region
 * catalogue reports them at validation time, so `validate` and `synth` can never disagree.
 */

type Cloud = 'aws' | 'azure';

/** Node pool names: EKS node group prefixes (lowercase, dashes), AKS agent pool names (1-12 lowercase alphanumerics). */
export function nodePoolNameProblem(cloud: Cloud, name: string): string | undefined {
  if (cloud === 'aws' && !/^[a-z][a-z0-9-]{0,30}$/.test(name)) return `EKS pool names are lowercase letters, digits and dashes, up to 31 characters (got "${name}")`;
  if (cloud === 'azure' && !/^[a-z][a-z0-9]{0,11}$/.test(name)) return `AKS pool names are 1-12 lowercase letters or digits, starting with a letter (got "${name}")`;
  return undefined;
}

/** Root / OS disk limits: an EBS gp3 volume on EKS, a managed OS disk on AKS. */
export const DISK_SIZE_GB: Readonly<Record<Cloud, { readonly min: number; readonly max: number }>> = {
  aws: { min: 20, max: 16384 },
  azure: { min: 30, max: 2048 },
};

/** Every problem of one node pool, each with the prop it concerns (below the pool). */
export function nodePoolProblems(cloud: Cloud, pool: NodePoolProps): { readonly path: string; readonly message: string; readonly warning?: boolean }[] {
  const out: { path: string; message: string; warning?: boolean }[] = [];
  if (pool.instanceTypes.length === 0 || pool.instanceTypes.some((t) => t.trim() === '')) {
    out.push({ path: 'instanceTypes', message: `at least one non-empty instance type is required (got ${JSON.stringify(pool.instanceTypes)})` });
  }
  if (cloud === 'azure' && pool.instanceTypes.length > 1) out.push({ path: 'instanceTypes', message: `an AKS pool has exactly one VM size (got ${JSON.stringify(pool.instanceTypes)})` });
  pool.instanceTypes.forEach((t, i) => {
    const check = t.trim() === '' ? undefined : nodeSizeCheck(cloud, t);
    if (check && 'error' in check) out.push({ path: `instanceTypes.${i}`, message: check.error });
    if (check && 'warning' in check) out.push({ path: `instanceTypes.${i}`, message: check.warning, warning: true });
  });
  for (const key of ['minSize', 'desiredSize', 'maxSize'] as const) {
    if (!Number.isInteger(pool[key]) || pool[key] < 0) out.push({ path: key, message: `must be a whole number ≥ 0 (got ${pool[key]})` });
  }
  if (pool.maxSize < 1) out.push({ path: 'maxSize', message: `must be at least 1 (got ${pool.maxSize})` });
  else if (!(pool.minSize <= pool.desiredSize && pool.desiredSize <= pool.maxSize)) {
    out.push({ path: 'desiredSize', message: `needs minSize ≤ desiredSize ≤ maxSize (got ${pool.minSize} / ${pool.desiredSize} / ${pool.maxSize})` });
  }
  const limits = DISK_SIZE_GB[cloud];
  if (pool.diskSizeGb !== undefined && (pool.diskSizeGb < limits.min || pool.diskSizeGb > limits.max)) {
    out.push({ path: 'diskSizeGb', message: `must be ${limits.min}-${limits.max} on ${cloud === 'aws' ? 'EKS' : 'AKS'} (got ${pool.diskSizeGb})` });
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IAM_PRINCIPAL = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/** Every problem of one access grant, each with the prop it concerns (below the grant). */
export function accessGrantProblems(cloud: Cloud, grant: AccessGrant): { readonly path: string; readonly message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (grant.principal.trim() === '') out.push({ path: 'principal', message: 'must not be empty' });
  else if (cloud === 'aws' && !IAM_PRINCIPAL.test(grant.principal)) out.push({ path: 'principal', message: `an IAM role or user ARN (arn:aws:iam::<account>:role/<name>) (got "${grant.principal}")` });
  else if (cloud === 'azure' && !UUID.test(grant.principal)) out.push({ path: 'principal', message: `an Entra ID object id (UUID) (got "${grant.principal}")` });
  if ((grant.policy === 'cluster-admin' || grant.policy === 'view-all') && grant.namespaces !== undefined) {
    out.push({ path: 'namespaces', message: `${grant.policy} is cluster-wide; use "admin" for namespace administrators (got ${JSON.stringify(grant.namespaces)})` });
  } else if (grant.namespaces !== undefined && grant.namespaces.length === 0) {
    out.push({ path: 'namespaces', message: 'omit it for cluster-wide access, or name at least one' });
  }
  if (cloud === 'aws' && grant.principalType !== undefined) out.push({ path: 'principalType', message: 'is for Azure grants only' });
  return out;
}

/** Namespaces the platform itself creates or Kubernetes reserves: a catalogue may not declare them again. */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'argocd', 'artifactory'];

/** AKS overlay defaults (AksClusterProps): pod and service ranges that must not overlap the VNet. */
export const AKS_DEFAULT_POD_CIDR = '192.168.0.0/16';
export const AKS_DEFAULT_SERVICE_CIDR = '172.16.0.0/16';
