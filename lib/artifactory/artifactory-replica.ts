import { createHash } from 'node:crypto';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { certificateManifest, IClusterEdge } from '../edge/cluster-edge';
import { ManifestsRelease } from '../platform/manifests-release';
import { externalSecretManifest } from '../secrets/external-secret';
import { SecretRef } from '../secrets/secret-store';
import { ArtifactoryBackingRef } from './artifactory-backing';
import { APPLY_REPLICATION_SCRIPT, RegionReplication, replicationPeers } from './replication-plan';

/**
 * The pinned chart: 107.161.15 (Artifactory 7.161.15). Azure workload identity for the filestore
 * (`persistence.azureBlob.useInstanceCredentials`) needs chart 107.133.3 / Artifactory 7.125.4 or later. Bump
 * deliberately, with a plan review: Artifactory upgrades migrate the database.
 */
export const ARTIFACTORY_CHART = { repository: 'https://charts.jfrog.io', chart: 'artifactory', version: '107.161.15' } as const;
/**
 * Image of the replication job: Python's standard library is all the script needs. Pinned by digest (the
 * multi-platform index of python:3.13.7-alpine3.22): a tag can move under a running platform, a digest cannot.
 */
export const REPLICATION_JOB_IMAGE = 'python:3.13.7-alpine3.22@sha256:9ba6d8cbebf0fb6546ae71f2a1c14f6ffd2fdab83af7fa5669734ef30ad48844';

/** Where Artifactory's secrets live in the cloud's secret store (Secrets Manager on AWS, Key Vault on Azure). */
export interface ArtifactorySecretNames {
  readonly license: SecretRef;
  /** The initial admin password: without it the chart starts Artifactory with admin/password. */
  readonly adminPassword: SecretRef;
  readonly masterKey: SecretRef;
  readonly joinKey: SecretRef;
  /** An access token of this Artifactory, with which the replication job configures it. */
  readonly apiToken: SecretRef;
  /**
   * Per peer region: a JSON secret {"username", "token"} that peer issued for replication (push targets, pull
   * sources). No circle of trust: each instance trusts only the tokens it issued.
   */
  readonly replicationPeer: (region: string) => SecretRef;
}

export interface ArtifactoryReplicaProps {
  /** Cloud resources: database, filestore, identity (from the infrastructure layer's outputs). */
  readonly backing: ArtifactoryBackingRef;
  /**
   * The External Secrets Operator's ClusterSecretStore on the cloud's secret store, and what must exist before an
   * ExternalSecret can be created (ExternalSecrets.ready).
   */
  readonly secretStore: { readonly name: string; readonly ready: readonly ITerraformDependable[] };
  /**
   * How often secrets are re-read from the store: a rotated database password reaches Artifactory within it.
   * @default '15m'
   */
  readonly secretRefreshInterval?: string;
  /** `primary` or `replica`: the topology in `replication` follows from it. */
  readonly role: 'primary' | 'replica';
  /**
   * Host names it serves: the regional name first (published in the region's zone), then global ones. All are on
   * its certificate.
   */
  readonly hostnames: readonly string[];
  /** How the cluster publishes it: the cloud's load balancer, its DNS name, its certificate issuer. */
  readonly edge: IClusterEdge;
  readonly secretNames: ArtifactorySecretNames;
  /** What this region replicates (from `replicationFor`). */
  readonly replication: RegionReplication;
  /** Artifactory nodes. @default 1 */
  readonly replicas?: number;
  /** Whether the license allows more than one node (HA). @default false */
  readonly haLicensed?: boolean;
  /** @default { cpu: '2', memory: '8Gi' } */
  readonly resources?: { readonly cpu: string; readonly memory: string };
  /** @default - the cluster's default storage class */
  readonly storageClass?: string;
  /** @default 'artifactory' */
  readonly namespace?: string;
  /** @default 'artifactory' */
  readonly serviceAccount?: string;
  /** What must exist before pods run (ICluster.workloadReady). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default ARTIFACTORY_CHART.version */
  readonly chartVersion?: string;
}

/**
 * Self-hosted Artifactory on a region's cluster, the same on both clouds: the official `jfrog/artifactory` chart at a
 * pinned version with values built from typed props (external database, object-store filestore through a workload
 * identity, bundled PostgreSQL off), license and keys from Kubernetes secrets fed from the cloud's secret store, the
 * chart's own nginx terminating TLS (a cert-manager certificate for the regional and global names, reloaded when
 * renewed) behind the cloud's layer-4 load balancer, and the replication topology applied by a Job.
 */
export class ArtifactoryReplica extends Construct {
  public readonly namespace: string;
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ArtifactoryReplicaProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas: at least 1 (got ${replicas})`);
    if (replicas > 1 && !props.haLicensed) throw new Error(`replicas: ${replicas} nodes is Artifactory HA, which the license does not allow (haLicensed is false)`);
    if (props.hostnames.length === 0) throw new Error('hostnames: at least the regional name is required');
    const version = props.chartVersion ?? ARTIFACTORY_CHART.version;
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`chartVersion: pin an exact chart version (got "${version}")`);
    const ns = props.namespace ?? 'artifactory';
    const sa = props.serviceAccount ?? 'artifactory';
    const { backing } = props;
    this.namespace = ns;

    const namespace = new NamespaceV1(this, 'Namespace', {
      // Baseline, not restricted: the chart's init containers prepare volume permissions.
      metadata: { name: ns, labels: { 'kore.io/managed': 'true', 'pod-security.kubernetes.io/enforce': 'baseline' } },
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
    const nsName = namespace.metadata.name;
    // Secrets reach the cluster through the External Secrets Operator, never through Terraform: state and plans hold
    // only where each secret lives, and a rotated value (RDS rotates its master password) is picked up on refresh.
    const external = (name: string, keys: { secretKey: string; ref: SecretRef }[], template?: Record<string, string>) =>
      externalSecretManifest({ name, namespace: ns, store: props.secretStore.name, keys, template, refreshInterval: props.secretRefreshInterval ?? '15m' });
    const plan = props.replication;
    const replicates = plan.push.length + plan.pull.length > 0;
    const secrets = new ManifestsRelease(this, 'Secrets', {
      name: 'artifactory-secrets',
      namespace: ns,
      manifests: [
        external('artifactory-license', [{ secretKey: 'artifactory.lic', ref: props.secretNames.license }]),
        // Access's bootstrap credentials file; the admin may only log in from the pod itself (tokens and SSO otherwise).
        external('artifactory-admin', [{ secretKey: 'password', ref: props.secretNames.adminPassword }], { 'bootstrap.creds': 'admin@127.0.0.1={{ .password }}' }),
        external('artifactory-keys', [
          { secretKey: 'master-key', ref: props.secretNames.masterKey },
          { secretKey: 'join-key', ref: props.secretNames.joinKey },
        ]),
        external('artifactory-database', [{ secretKey: 'password', ref: backing.databasePassword }], {
          user: backing.databaseUsername,
          password: '{{ .password }}',
          url: backing.jdbcUrl,
        }),
        ...(replicates
          ? [
              external('artifactory-replication', [
                { secretKey: 'token', ref: props.secretNames.apiToken },
                ...replicationPeers(plan).map((peer) => ({ secretKey: `${peer}.json`, ref: props.secretNames.replicationPeer(peer) })),
              ]),
            ]
          : []),
      ],
      dependsOn: [namespace, ...props.secretStore.ready],
    });
    // The certificate waits for cert-manager and its issuer; nginx mounts the Secret it fills.
    const certificate = new ManifestsRelease(this, 'Certificate', {
      name: 'artifactory-certificate',
      namespace: ns,
      manifests: [certificateManifest({ name: 'artifactory', namespace: ns, secretName: TLS_SECRET, hostnames: props.hostnames, issuer: props.edge.certificateIssuer })],
      dependsOn: [namespace, ...props.edge.ready],
    });

    this.release = new Release(this, 'Release', {
      name: 'artifactory',
      namespace: nsName,
      repository: ARTIFACTORY_CHART.repository,
      chart: ARTIFACTORY_CHART.chart,
      version,
      atomic: true,
      cleanupOnFail: true,
      timeout: 1800,
      values: [artifactoryValues({ ...props, replicas, serviceAccount: sa, serviceAnnotations: props.edge.loadBalancerServiceAnnotations(props.hostnames[0]) })],
      dependsOn: [...(props.dependsOn ?? []), secrets.release, certificate.release],
    });

    if (replicates) {
      const config = { 'replication.json': `${JSON.stringify(plan, null, 2)}\n`, 'apply.py': APPLY_REPLICATION_SCRIPT };
      const configMap = new ConfigMapV1(this, 'ReplicationConfig', { metadata: { name: 'artifactory-replication', namespace: nsName }, data: config });
      // The job's name carries the topology's hash: a changed topology is a new job, an unchanged one is left alone.
      const digest = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 10);
      new JobV1(this, 'ReplicationJob', {
        metadata: { name: `artifactory-replication-${digest}`, namespace: nsName },
        // No TTL: a job deleted after it finished would be recreated by the next plan. The name carries the content
        // hash, so a changed topology replaces it and an unchanged one stays as it is.
        spec: {
          backoffLimit: 2,
          template: {
            metadata: { labels: { app: 'artifactory-replication' } },
            spec: {
              restartPolicy: 'Never',
              securityContext: { runAsNonRoot: true, runAsUser: '65534', seccompProfile: { type: 'RuntimeDefault' } },
              container: [
                {
                  name: 'apply',
                  image: REPLICATION_JOB_IMAGE,
                  command: ['python', '/config/apply.py'],
                  env: [{ name: 'ARTIFACTORY_URL', value: `http://artifactory.${ns}.svc:8082/artifactory` }],
                  volumeMount: [
                    { name: 'config', mountPath: '/config', readOnly: true },
                    { name: 'secrets', mountPath: '/secrets', readOnly: true },
                  ],
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
                },
              ],
              volume: [
                { name: 'config', configMap: { name: configMap.metadata.name } },
                { name: 'secrets', secret: { secretName: 'artifactory-replication' } },
              ],
            },
          },
        },
        // The apply waits for the job and fails with it: a topology that does not apply is a failed change.
        waitForCompletion: true,
        timeouts: { create: '20m', update: '20m' },
        dependsOn: [this.release],
      });
    }
  }
}

/** The chart values, from typed settings only: no free-form YAML from users, no secret values. */
export function artifactoryValues(p: Omit<ArtifactoryReplicaProps, 'edge'> & { replicas: number; serviceAccount: string; serviceAnnotations: Record<string, string> }): string {
  const resources = p.resources ?? { cpu: '2', memory: '8Gi' };
  return stringify({
    postgresql: { enabled: false },
    // The database belongs to the infrastructure layer, applied (and so available) first; the chart's init
    // container still waits for it to accept connections, e.g. while a Multi-AZ failover completes.
    waitForDatabase: true,
    database: {
      type: 'postgresql',
      driver: 'org.postgresql.Driver',
      secrets: {
        user: { name: 'artifactory-database', key: 'user' },
        password: { name: 'artifactory-database', key: 'password' },
        url: { name: 'artifactory-database', key: 'url' },
      },
    },
    serviceAccount: { create: true, name: p.serviceAccount, annotations: { ...p.backing.serviceAccountAnnotations } },
    artifactory: {
      replicaCount: p.replicas,
      // The chart puts `artifactory.labels` on the StatefulSet and its pod template (it has no podLabels).
      labels: { ...p.backing.podLabels },
      resources: { requests: { cpu: resources.cpu, memory: resources.memory }, limits: { memory: resources.memory } },
      persistence: { ...p.backing.filestore, ...(p.storageClass ? { storageClassName: p.storageClass } : {}) },
      license: { secret: 'artifactory-license', dataKey: 'artifactory.lic' },
      admin: { secret: 'artifactory-admin', dataKey: 'bootstrap.creds' },
      masterKeySecretName: 'artifactory-keys',
      joinKeySecretName: 'artifactory-keys',
    },
    // The chart's nginx (JFrog's image) terminates TLS behind the cloud's layer-4 load balancer. It watches the
    // certificate's mount and reloads on renewal: the chart's own configreloader script, as its comments describe.
    nginx: {
      enabled: true,
      replicaCount: 2,
      minAvailable: 1,
      tlsSecretName: TLS_SECRET,
      service: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: { ...p.serviceAnnotations } },
      customVolumes: NGINX_RELOADER_VOLUME,
      customVolumeMounts: NGINX_RELOADER_MOUNT,
      customCommand: ['/bin/sh', '-c', NGINX_RELOADER_COMMAND],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    },
    ingress: { enabled: false },
  });
}

/** The Secret cert-manager writes the serving certificate to, and nginx reads it from. */
const TLS_SECRET = 'artifactory-tls';
const NGINX_DIR = '/var/opt/jfrog/nginx';
const NGINX_RELOADER_VOLUME = `- name: scripts
  configMap:
    name: {{ template "artifactory.fullname" . }}-nginx-scripts
    defaultMode: 0550
`;
const NGINX_RELOADER_MOUNT = `- name: scripts
  mountPath: ${NGINX_DIR}/scripts/
`;
const NGINX_RELOADER_COMMAND = [
  `/sbin/inotifyd ${NGINX_DIR}/scripts/configreloader.sh ${NGINX_DIR}/conf.d:n &`,
  `/sbin/inotifyd ${NGINX_DIR}/scripts/configreloader.sh ${NGINX_DIR}/ssl:n &`,
  "nginx -g 'daemon off;'",
].join('\n');
