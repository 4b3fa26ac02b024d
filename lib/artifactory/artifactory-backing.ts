import { IConstruct } from 'constructs';
import type { SecretRef } from '../secrets/secret-store';

/** Where a replica's Kubernetes service account and pods get their cloud identity from. */
export interface WorkloadIdentity {
  /** Kubernetes namespace of Artifactory. */
  readonly namespace: string;
  /** Kubernetes service account Artifactory runs as. */
  readonly serviceAccount: string;
}

/**
 * What the in-cluster Artifactory needs to know about its cloud backing: plain values (Terraform references or
 * literals), no construct. The cloud-infrastructure layer builds the backing; the platform layer gets this from
 * the infrastructure layer's outputs (`artifactoryBackingRef`), so the two live in separate states.
 */
export interface ArtifactoryBackingRef {
  readonly cloud: 'aws' | 'azure';
  /** JDBC URL of the external database. */
  readonly jdbcUrl: string;
  /** The chart's `artifactory.persistence` settings for the object-store filestore (no credentials). */
  readonly filestore: Readonly<Record<string, unknown>>;
  /** Annotations that bind the chart's service account to the cloud identity (IRSA role / workload identity). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Labels the pods need for that binding (Azure workload identity). */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly databaseUsername: string;
  /** Where the database password lives in the cloud's secret store (never the password itself). */
  readonly databasePassword: SecretRef;
}

/**
 * The cloud resources behind one Artifactory: an external PostgreSQL database, an object-store filestore reached
 * through a workload identity, and the cloud's secret store. `exports` are the strings the platform layer needs,
 * published as explicit outputs and rebuilt there with `artifactoryBackingRef`.
 */
export interface IArtifactoryBacking extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  readonly exports: Readonly<Record<string, string>>;
}

/** The export keys of each cloud's backing: the names of the infrastructure layer's `artifactory_*` outputs. */
export const ARTIFACTORY_EXPORT_KEYS = {
  aws: ['region', 'bucket', 'role_arn', 'db_address', 'db_port', 'db_secret_arn'],
  azure: ['account_name', 'blob_endpoint', 'identity_client_id', 'db_fqdn', 'db_password_secret'],
} as const;

/** Rebuilds what the in-cluster Artifactory needs from a backing's exports (read from remote state or in-stack). */
export function artifactoryBackingRef(cloud: 'aws' | 'azure', values: Readonly<Record<string, string>>): ArtifactoryBackingRef {
  const get = (key: string): string => {
    const value = values[key];
    if (value === undefined) throw new Error(`artifactory backing: export "${key}" is missing`);
    return value;
  };
  if (cloud === 'aws') {
    return {
      cloud,
      jdbcUrl: `jdbc:postgresql://${get('db_address')}:${get('db_port')}/artifactory?sslmode=require`,
      filestore: {
        type: 's3-storage-v3-direct',
        awsS3V3: { testConnection: false, useInstanceCredentials: true, region: get('region'), bucketName: get('bucket'), path: 'artifactory/filestore' },
      },
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': get('role_arn') },
      podLabels: {},
      databaseUsername: 'artifactory',
      // RDS keeps the master password in a JSON secret it rotates.
      databasePassword: { name: get('db_secret_arn'), property: 'password' },
    };
  }
  return {
    cloud,
    jdbcUrl: `jdbc:postgresql://${get('db_fqdn')}:5432/artifactory?sslmode=require`,
    filestore: {
      type: 'azure-blob-storage-v2-direct',
      // The pod's workload identity, no account key (shared keys are off on the account); chart ≥ 107.133.3.
      azureBlob: { accountName: get('account_name'), containerName: 'artifactory', endpoint: get('blob_endpoint'), testConnection: false, useInstanceCredentials: true },
    },
    serviceAccountAnnotations: { 'azure.workload.identity/client-id': get('identity_client_id') },
    podLabels: { 'azure.workload.identity/use': 'true' },
    databaseUsername: 'artifactory',
    databasePassword: { name: get('db_password_secret') },
  };
}
