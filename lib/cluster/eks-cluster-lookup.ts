import { DataAwsEksAccessEntry } from '@cdktf/provider-aws/lib/data-aws-eks-access-entry';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { Construct } from 'constructs';
import { ClusterBase } from './cluster-base';

export interface EksClusterLookupProps {
  /** Name of an existing EKS cluster (in the provider's account and region). */
  readonly clusterName: string;
  /**
   * The cluster's region, passed to `aws eks get-token` so the token command does not depend on the caller's
   * default region.
   * @default - the caller's AWS CLI region
   */
  readonly region?: string;
  /**
   * Node pools the cluster is known to have (informational: a lookup cannot list them without another call).
   * @default []
   */
  readonly nodePoolNames?: readonly string[];
  /**
   * IAM principals whose EKS access entries must exist before anything in the cluster is planned: the identity
   * running Terraform. A missing entry fails the plan with "access entry not found" instead of a 401 halfway
   * through an apply.
   * @default []
   */
  readonly requiredAccess?: readonly string[];
}

/**
 * An EKS cluster created by another stack, found by name (`data.aws_eks_cluster`), like `Vpc.fromLookup` in AWS
 * CDK. The in-cluster layer configures its kubernetes and helm providers from this, never from resources of
 * another state: a replaced cluster is looked up again at plan time, instead of a provider that falls back to
 * localhost on unknown values.
 */
export class EksClusterLookup extends ClusterBase {
  public readonly cloud = 'aws' as const;
  public readonly data: DataAwsEksCluster;

  constructor(scope: Construct, id: string, props: EksClusterLookupProps) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(props.clusterName)) throw new Error(`clusterName: not an EKS cluster name (got "${props.clusterName}")`);
    super(scope, id, props.clusterName, props.nodePoolNames ?? []);
    this.data = new DataAwsEksCluster(this, 'Cluster', { name: props.clusterName });
    this.connect({
      endpoint: this.data.endpoint,
      certificateAuthorityData: this.data.certificateAuthority.get(0).data,
      oidcIssuerUrl: this.data.identity.get(0).oidc.get(0).issuer,
      kubernetesVersion: this.data.version,
      region: props.region,
    });
    // The access entries named in `requiredAccess`: in-cluster resources wait for them.
    (props.requiredAccess ?? []).forEach((principal, i) =>
      this.workloadReady.push(new DataAwsEksAccessEntry(this, `RequiredAccess-${i}`, { clusterName: this.data.name, principalArn: principal })),
    );
  }
}
