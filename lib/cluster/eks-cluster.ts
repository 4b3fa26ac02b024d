import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { logsKeyPolicy, serviceRoleKeyPolicy } from '../private/kms-policies';
import { Fn, Token } from 'cdktf';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { Construct } from 'constructs';
import { ClusterBase } from './cluster-base';
import { INetwork } from '../network/network';
import { validateAllowList } from '../guardrails/exposure';
import { CLOUDWATCH_RETENTION_DAYS } from '../private/cloudwatch';
import { irsaTrustPolicy, managedPolicyArn, serviceTrustPolicy } from '../private/iam';
import { AccessGrant, NodePoolProps, validateAccessGrant, validateNodePool } from './cluster';
import { nodePoolNameProblem } from './cluster-rules';
import { EksAccess } from './eks-access';
import { EksNodePool } from './eks-node-pool';
import { EKS_KUBERNETES_VERSIONS } from './kubernetes-versions';

/** The managed add-ons every cluster gets, installed after the node groups. */
export const EKS_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns', 'aws-ebs-csi-driver'] as const;

export interface EksClusterProps {
  /** The network the cluster lives in. */
  readonly network: INetwork;
  /** Cluster name (1-100 characters, letters, digits, dashes, underscores). */
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. `1.31`. */
  readonly kubernetesVersion: string;
  /** Node pools keyed by name; the name is part of the node group's address — never rename one in place. */
  readonly nodePools: Readonly<Record<string, NodePoolProps>>;
  /**
   * Subnet tier of the control plane's network interfaces and of the nodes.
   * @default 'private'
   */
  readonly subnetTier?: string;
  /**
   * CIDRs allowed to reach a public API endpoint.
   * @default [] - the endpoint is private only
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * IAM principals mapped to EKS access policies, keyed by a stable name.
   * @default {}
   */
  readonly access?: Readonly<Record<string, AccessGrant>>;
  /**
   * Create the access entries. Only an emulator that does not serve them turns this off.
   * @default true
   */
  readonly accessEntries?: boolean;
  /**
   * Install the managed add-ons (vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver). Only an emulator that does not
   * serve them turns this off.
   * @default true
   */
  readonly addons?: boolean;
  /**
   * Retention of the control-plane logs.
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Tolerate what the moto emulator gets wrong, so a sandbox re-plans empty: it returns no `access_config`,
   * ignores a node group's `update_config` on create and invents a `remote_access` SSH key. Sandbox stacks only.
   * @default false
   */
  readonly emulatorQuirks?: boolean;
}

/**
 * An EKS cluster: private control plane (public only for an explicit allow-list), secrets envelope-encrypted with
 * a rotating KMS key, api/audit/authenticator logs with retention, API authentication mode with access entries,
 * an IAM OIDC provider for IRSA, managed node groups keyed by name, and managed add-ons after the nodes.
 */
export class EksCluster extends ClusterBase {
  public readonly cloud = 'aws' as const;
  public readonly cluster: EksClusterResource;
  public readonly oidcProvider: IamOpenidConnectProvider;
  public readonly nodePools: Readonly<Record<string, EksNodePool>>;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    const subnetTier = props.subnetTier ?? 'private';
    validate(props, subnetTier);
    super(scope, id, props.clusterName, Object.keys(props.nodePools));
    const subnetIds = props.network.subnets(subnetTier).map((s) => s.subnetId);
    const publicCidrs = [...(props.publicAccessCidrs ?? [])];

    const account = new DataAwsCallerIdentity(this, 'Account');
    const region = new DataAwsRegion(this, 'Region');
    const clusterRole = new IamRole(this, 'ClusterRole', {
      name: `${props.clusterName}-cluster`,
      assumeRolePolicy: serviceTrustPolicy('eks.amazonaws.com'),
    });
    const secretsKey = new KmsKey(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes secrets in ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: serviceRoleKeyPolicy(account.accountId, clusterRole.arn),
    });
    new KmsAlias(this, 'SecretsKeyAlias', { name: `alias/eks/${props.clusterName}/secrets`, targetKeyId: secretsKey.keyId });

    // Created before the cluster so that EKS writes into it instead of creating one with no retention; encrypted,
    // since audit logs name users, addresses and every API call.
    const logGroupName = `/aws/eks/${props.clusterName}/cluster`;
    const logsKey = new KmsKey(this, 'LogsKey', {
      description: `Encrypts the control-plane logs of ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: logsKeyPolicy(account.accountId, region.name, logGroupName),
    });
    const logGroup = new CloudwatchLogGroup(this, 'ControlPlaneLogs', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? 90,
      kmsKeyId: logsKey.arn,
    });

    const clusterPolicy = new IamRolePolicyAttachment(this, 'ClusterRolePolicy', {
      role: clusterRole.name,
      policyArn: managedPolicyArn('AmazonEKSClusterPolicy'),
    });

    this.cluster = new EksClusterResource(this, 'Cluster', {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
      },
      encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ['secrets'] },
      enabledClusterLogTypes: ['api', 'audit', 'authenticator'],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      dependsOn: [clusterPolicy, logGroup],
      lifecycle: props.emulatorQuirks ? { ignoreChanges: ['access_config'] } : undefined,
    });
    this.connect({
      endpoint: this.cluster.endpoint,
      certificateAuthorityData: this.cluster.certificateAuthority.get(0).data,
      oidcIssuerUrl: this.cluster.identity.get(0).oidc.get(0).issuer,
      kubernetesVersion: props.kubernetesVersion,
    });

    this.oidcProvider = new IamOpenidConnectProvider(this, 'OidcProvider', {
      url: this.oidcIssuerUrl,
      clientIdList: ['sts.amazonaws.com'],
    });

    const nodeRole = new IamRole(this, 'NodeRole', {
      name: `${props.clusterName}-node`,
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    // Exactly what a node needs to join, pull images and run the VPC CNI.
    const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEKS_CNI_Policy'].map(
      (policy) => new IamRolePolicyAttachment(this, `NodeRole-${policy}`, { role: nodeRole.name, policyArn: managedPolicyArn(policy) }),
    );

    const pools: Record<string, EksNodePool> = {};
    for (const [name, pool] of Object.entries(props.nodePools)) {
      pools[name] = new EksNodePool(this, name, {
        ...pool,
        clusterName: this.cluster.name,
        namePrefix: props.clusterName,
        nodeRoleArn: nodeRole.arn,
        subnetIds,
        dependsOn: [...nodePolicies, ...props.network.egress],
        emulatorQuirks: props.emulatorQuirks,
      });
    }
    this.nodePools = pools;
    this.workloadReady.push(...Object.values(pools).map((p) => p.nodeGroup));

    if (props.accessEntries ?? true) {
      for (const [name, grant] of Object.entries(props.access ?? {})) {
        new EksAccess(this, `Access-${name}`, { ...grant, clusterName: this.cluster.name, kubernetesGroup: grant.namespaces ? `kore:${name}` : undefined });
      }
    }

    const ebsCsiRole = this.addEbsCsiRole(props.clusterName);
    if (props.addons ?? true) this.addAddons(ebsCsiRole, Object.values(pools).map((p) => p.nodeGroup));
  }

  /** The EBS CSI driver's IRSA role, limited to its own service account. */
  private addEbsCsiRole(clusterName: string): IamRole {
    const issuer = Fn.replace(this.oidcProvider.url, 'https://', '');
    const ebsRole = new IamRole(this, 'EbsCsiRole', {
      name: `${clusterName}-ebs-csi`,
      assumeRolePolicy: irsaTrustPolicy(this.oidcProvider.arn, issuer, 'kube-system', 'ebs-csi-controller-sa'),
    });
    new IamRolePolicyAttachment(this, 'EbsCsiRolePolicy', {
      role: ebsRole.name,
      policyArn: managedPolicyArn('service-role/AmazonEBSCSIDriverPolicy'),
    });
    return ebsRole;
  }

  /**
   * Managed add-ons after the node groups: CoreDNS created before any node exists stays DEGRADED until the
   * create times out.
   */
  private addAddons(ebsRole: IamRole, nodeGroups: EksNodeGroup[]): void {
    for (const addon of EKS_ADDONS) {
      const installed = new EksAddon(this, `Addon-${addon}`, {
        clusterName: this.cluster.name,
        addonName: addon,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        serviceAccountRoleArn: addon === 'aws-ebs-csi-driver' ? ebsRole.arn : undefined,
        dependsOn: nodeGroups,
      });
      this.workloadReady.push(installed);
    }
  }
}

function validate(props: EksClusterProps, subnetTier: string): void {
  if (!Token.isUnresolved(props.clusterName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(props.clusterName)) {
    throw new Error(`clusterName: 1-100 letters, digits, dashes or underscores, starting alphanumeric (got "${props.clusterName}")`);
  }
  if (!EKS_KUBERNETES_VERSIONS.includes(props.kubernetesVersion)) {
    throw new Error(`kubernetesVersion: EKS supports ${EKS_KUBERNETES_VERSIONS.join(', ')} (got "${props.kubernetesVersion}")`);
  }
  if (!props.network.tierNames.includes(subnetTier)) {
    throw new Error(`subnetTier: the network has no tier "${subnetTier}" (it has ${props.network.tierNames.join(', ')})`);
  }
  if (props.network.cloud !== 'aws') throw new Error(`network: EKS needs an AWS network (got ${props.network.cloud})`);
  if (Object.keys(props.nodePools).length === 0) throw new Error('nodePools: at least one node pool is required');
  for (const [name, pool] of Object.entries(props.nodePools)) {
    const nameProblem = nodePoolNameProblem('aws', name);
    if (nameProblem) throw new Error(`nodePools: ${nameProblem}`);
    validateNodePool(`nodePools.${name}`, pool, 'aws');
  }
  validateAllowList('publicAccessCidrs', props.publicAccessCidrs ?? []);
  for (const [name, grant] of Object.entries(props.access ?? {})) validateAccessGrant(`access.${name}`, grant, 'aws');
  const retention = props.logRetentionDays;
  if (retention !== undefined && !CLOUDWATCH_RETENTION_DAYS.includes(retention)) {
    throw new Error(`logRetentionDays: CloudWatch accepts ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (got ${retention})`);
  }
}
