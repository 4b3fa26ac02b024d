import { IConstruct } from 'constructs';

/** Where a replica's Kubernetes service account and pods get their cloud identity from. */
export interface WorkloadIdentity {
  /** Kubernetes namespace of Artifactory. */
  readonly namespace: string;
  /** Kubernetes service account Artifactory runs as. */
  readonly serviceAccount: string;
}

/**
 * The cloud resources behind one Artifactory: an external PostgreSQL database, an object-store filestore reached
 * through a workload identity, and the cloud's secret store. `ArtifactoryReplica` talks to it only through this
 * interface, so the replica is the same on both clouds.
 */
export interface IArtifactoryBacking extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  /** JDBC URL of the external database (a Terraform reference). */
  readonly jdbcUrl: string;
  /** The chart's `artifactory.persistence` settings for the object-store filestore (no credentials). */
  readonly filestore: Readonly<Record<string, unknown>>;
  /** Annotations that bind the chart's service account to the cloud identity (IRSA role / workload identity). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Labels the pods need for that binding (Azure workload identity). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Database user and password, read from the cloud's secret store (Terraform references, never literals). */
  databaseCredentials(): { readonly username: string; readonly password: string };
  /** The value of a secret in the cloud's secret store (a Terraform reference). `key` is a stable construct key. */
  secretValue(key: string, name: string): string;
}
