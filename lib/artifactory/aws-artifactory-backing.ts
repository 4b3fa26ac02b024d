import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { rdsKeyPolicy } from '../private/kms-policies';
import { irsaTrustPolicy, managedPolicyArn, serviceTrustPolicy } from '../private/iam';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { cloudNameProblem } from '../cloud/name-rules';
import { INetwork } from '../network/network';
import { addSecureBucket } from '../storage/secure-bucket';
import { ARTIFACTORY_EXPORT_KEYS, IArtifactoryBacking, WorkloadIdentity } from './artifactory-backing';
import { awsArtifactoryCloudNames } from '../cloud/construct-names';

export interface AwsArtifactoryBackingProps extends WorkloadIdentity {
  /** Name prefix of every resource, e.g. `kore-prod-use1-artifactory`. */
  readonly name: string;
  readonly region: string;
  /** The region's network; the database goes into `databaseTier`. */
  readonly network: INetwork;
  /** The cluster's IAM OIDC provider (IRSA). */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /** @default 'intra' - no route to the internet */
  readonly databaseTier?: string;
  /** @default 'db.m6g.large' */
  readonly databaseInstanceClass?: string;
  /** @default 100 */
  readonly databaseStorageGb?: number;
  /** Multi-AZ standby. @default false */
  readonly databaseHighAvailability?: boolean;
  /** Refuse destroy of the database and bucket. @default true */
  readonly preventDestroy?: boolean;
  /** Attach the TLS-only bucket policy (off only in an emulator sandbox). @default true */
  readonly tlsOnlyPolicy?: boolean;
  /**
   * Tolerate what the moto emulator drops, so a sandbox re-plans empty: it does not keep an instance's enhanced
   * monitoring or Performance Insights settings. Sandbox stacks only.
   * @default false
   */
  readonly emulatorQuirks?: boolean;
}

/** PostgreSQL major version Artifactory 7.x supports; minor upgrades are automatic. */
export const ARTIFACTORY_POSTGRES_VERSION = '16';

/**
 * Artifactory's AWS backing: RDS PostgreSQL (encrypted, private subnets, master password managed by AWS Secrets
 * Manager), an S3 filestore bucket (versioned, encrypted, public access blocked, TLS-only), and an IRSA role that
 * may use that bucket and nothing else. No access key exists anywhere.
 */
export class AwsArtifactoryBacking extends Construct implements IArtifactoryBacking {
  public readonly cloud = 'aws' as const;
  public readonly exports: Readonly<Record<(typeof ARTIFACTORY_EXPORT_KEYS.aws)[number], string>>;
  public readonly database: DbInstance;
  public readonly bucket: S3Bucket;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AwsArtifactoryBackingProps) {
    super(scope, id);
    const tier = props.databaseTier ?? 'intra';
    if (!props.network.tierNames.includes(tier)) throw new Error(`databaseTier: the network has no tier "${tier}" (it has ${props.network.tierNames.join(', ')})`);
    if (!/^[a-z][a-z0-9-]{2,}$/.test(props.name)) throw new Error(`name: lowercase letters, digits or dashes, starting with a letter (got "${props.name}")`);
    // The real limits are those of the names derived from it — the same rules the catalogue checks before synth.
    for (const n of awsArtifactoryCloudNames(props.name)) {
      const problem = cloudNameProblem(n);
      if (problem) throw new Error(`name: ${problem} (got "${props.name}")`);
    }
    const storage = props.databaseStorageGb ?? 100;
    if (!Number.isInteger(storage) || storage < 20) throw new Error(`databaseStorageGb: at least 20 (got ${storage})`);
    const preventDestroy = props.preventDestroy ?? true;

    const subnets = new DbSubnetGroup(this, 'DbSubnets', { name: `${props.name}-db`, subnetIds: props.network.subnets(tier).map((s) => s.subnetId) });
    const sg = new SecurityGroup(this, 'DbSecurityGroup', {
      name: `${props.name}-db`,
      description: 'PostgreSQL from inside the VPC only',
      vpcId: props.network.networkId,
      ingress: [{ description: 'PostgreSQL from the VPC', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: [props.network.cidr] }],
      egress: [],
    });
    // Enhanced monitoring: OS metrics every minute, published by RDS under this role.
    const monitoring = new IamRole(this, 'DbMonitoringRole', {
      name: `${props.name}-db-monitoring`,
      assumeRolePolicy: serviceTrustPolicy('monitoring.rds.amazonaws.com'),
    });
    new IamRolePolicyAttachment(this, 'DbMonitoringPolicy', { role: monitoring.name, policyArn: managedPolicyArn('service-role/AmazonRDSEnhancedMonitoringRole') });
    // Performance Insights keeps query text: under a key of the account's, not the AWS-managed one.
    const account = new DataAwsCallerIdentity(this, 'Account');
    const insightsKey = new KmsKey(this, 'InsightsKey', {
      description: `Performance Insights of ${props.name}-db`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: rdsKeyPolicy(account.accountId, props.region),
    });
    new KmsAlias(this, 'InsightsKeyAlias', { name: `alias/rds/${props.name}-db/insights`, targetKeyId: insightsKey.keyId });
    this.database = new DbInstance(this, 'Database', {
      identifier: `${props.name}-db`,
      engine: 'postgres',
      engineVersion: ARTIFACTORY_POSTGRES_VERSION,
      instanceClass: props.databaseInstanceClass ?? 'db.m6g.large',
      allocatedStorage: storage,
      storageType: 'gp3',
      storageEncrypted: true,
      dbName: 'artifactory',
      username: 'artifactory',
      // The password never passes through Terraform: RDS creates it in Secrets Manager and rotates it.
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [sg.id],
      multiAz: props.databaseHighAvailability ?? false,
      backupRetentionPeriod: 14,
      copyTagsToSnapshot: true,
      deletionProtection: preventDestroy,
      finalSnapshotIdentifier: `${props.name}-db-final`,
      autoMinorVersionUpgrade: true,
      monitoringInterval: 60,
      monitoringRoleArn: monitoring.arn,
      // Logs outside the instance survive it, and can be searched and alarmed on.
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      performanceInsightsKmsKeyId: insightsKey.arn,
      iamDatabaseAuthenticationEnabled: true,
      lifecycle: {
        preventDestroy,
        ignoreChanges: props.emulatorQuirks ? ['monitoring_interval', 'monitoring_role_arn', 'performance_insights_enabled', 'performance_insights_retention_period', 'performance_insights_kms_key_id'] : undefined,
      },
    });

    this.bucket = addSecureBucket(this, { bucketName: `${props.name}-filestore`, preventDestroy, tlsOnlyPolicy: props.tlsOnlyPolicy });

    const issuer = Fn.replace(props.oidcIssuerUrl, 'https://', '');
    this.role = new IamRole(this, 'FilestoreRole', {
      name: `${props.name}-filestore`,
      assumeRolePolicy: irsaTrustPolicy(props.oidcProviderArn, issuer, props.namespace, props.serviceAccount),
    });
    new IamRolePolicy(this, 'FilestoreRolePolicy', {
      role: this.role.id,
      name: 'filestore-bucket-only',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ListTheBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: this.bucket.arn },
          { Sid: 'ObjectsInTheBucket', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: `${this.bucket.arn}/*` },
        ],
      }),
    });
    this.exports = {
      region: props.region,
      bucket: this.bucket.bucket,
      role_arn: this.role.arn,
      db_address: this.database.address,
      db_port: Token.asString(this.database.port),
      db_secret_arn: this.database.masterUserSecret.get(0).secretArn,
    };
  }
}
