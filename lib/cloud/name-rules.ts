/**
 * The naming rules of the cloud resources this library names, per kind, from the providers' documentation. A name
 * is derived by a construct from its props (see each construct's `…CloudNames`), checked here, and — for the kinds
 * whose names are global or per account — checked for collisions across a whole catalogue.
 */
export type CloudNameKind =
  | 's3-bucket' | 'iam-role' | 'rds-instance' | 'eks-cluster'
  | 'aks-cluster' | 'resource-group' | 'storage-account' | 'postgres-flexible-server' | 'log-analytics-workspace' | 'managed-identity' | 'key-vault'
  | 'load-balancer' | 'autoscaling-group' | 'scale-set';

/** One name a construct will give a cloud resource. */
export interface CloudName {
  readonly kind: CloudNameKind;
  readonly name: string;
}

interface Rule {
  readonly what: string;
  readonly test: (name: string) => boolean;
  readonly says: string;
  /** Where the name must be unique: everywhere (global), per account/subscription, or per account and region. */
  readonly unique: 'global' | 'account' | 'region';
}

const len = (min: number, max: number) => (n: string) => n.length >= min && n.length <= max;

export const CLOUD_NAME_RULES: Readonly<Record<CloudNameKind, Rule>> = {
  's3-bucket': { what: 'S3 bucket', unique: 'global', says: '3-63 lowercase letters, digits, dots or dashes, starting and ending alphanumeric', test: (n) => len(3, 63)(n) && /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(n) && !n.includes('..') },
  'iam-role': { what: 'IAM role', unique: 'account', says: '1-64 characters of letters, digits and +=,.@_-', test: (n) => /^[\w+=,.@-]{1,64}$/.test(n) },
  'rds-instance': { what: 'RDS instance identifier', unique: 'region', says: '1-63 letters, digits or dashes, starting with a letter, no double or trailing dash', test: (n) => /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/.test(n) && !n.endsWith('-') },
  'eks-cluster': { what: 'EKS cluster', unique: 'region', says: '1-100 letters, digits, dashes or underscores, starting alphanumeric', test: (n) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(n) },
  'aks-cluster': { what: 'AKS cluster', unique: 'account', says: '1-63 letters, digits or dashes, starting and ending alphanumeric', test: (n) => /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(n) },
  'resource-group': { what: 'resource group', unique: 'account', says: '1-90 letters, digits, dots, dashes, underscores or parentheses, not ending with a dot', test: (n) => /^[\w.()-]{1,90}$/.test(n) && !n.endsWith('.') },
  'storage-account': { what: 'storage account', unique: 'global', says: '3-24 lowercase letters or digits', test: (n) => /^[a-z0-9]{3,24}$/.test(n) },
  'postgres-flexible-server': { what: 'PostgreSQL flexible server', unique: 'global', says: '3-63 lowercase letters, digits or dashes, starting and ending alphanumeric', test: (n) => /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(n) },
  'log-analytics-workspace': { what: 'Log Analytics workspace', unique: 'account', says: '4-63 letters, digits or dashes, starting and ending alphanumeric', test: (n) => /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/.test(n) },
  'managed-identity': { what: 'managed identity', unique: 'account', says: '3-128 letters, digits, dashes or underscores, starting alphanumeric', test: (n) => /^[A-Za-z0-9][\w-]{2,127}$/.test(n) },
  'load-balancer': { what: 'load balancer', unique: 'region', says: '1-32 letters, digits or dashes, starting and ending alphanumeric, not starting with "internal-"', test: (n) => /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(n) && !n.startsWith('internal-') },
  'autoscaling-group': { what: 'Auto Scaling group', unique: 'region', says: '1-255 characters, no colon', test: (n) => len(1, 255)(n) && !n.includes(':') },
  'scale-set': { what: 'scale set', unique: 'account', says: '1-64 letters, digits, dashes, dots or underscores, starting alphanumeric, not ending with a dot or dash', test: (n) => /^[a-zA-Z0-9][\w.-]{0,63}$/.test(n) && !/[.-]$/.test(n) },
  'key-vault': { what: 'Key Vault', unique: 'global', says: '3-24 letters, digits or dashes, starting with a letter, no double dash', test: (n) => /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(n) },
};

/** The problem with one name, or undefined when the cloud accepts it. */
export function cloudNameProblem(n: CloudName): string | undefined {
  const rule = CLOUD_NAME_RULES[n.kind];
  return rule.test(n.name) ? undefined : `the ${rule.what} name "${n.name}" (${n.name.length} characters) breaks the cloud's rule: ${rule.says}`;
}
