import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { Construct } from 'constructs';
import { AccessGrant, AccessPolicy } from './cluster';

const POLICY: Record<AccessPolicy, string> = {
  'cluster-admin': 'AmazonEKSClusterAdminPolicy',
  // View including Secrets (AWS managed, since 2024): what planning Helm releases needs, and no write.
  'view-all': 'AmazonEKSAdminViewPolicy',
  admin: 'AmazonEKSAdminPolicy',
  edit: 'AmazonEKSEditPolicy',
  view: 'AmazonEKSViewPolicy',
};

export interface EksAccessProps extends AccessGrant {
  readonly clusterName: string;
  /**
   * Kubernetes group the principal also belongs to, for RoleBindings made inside the cluster.
   * @default - none
   */
  readonly kubernetesGroup?: string;
}

/**
 * An EKS access entry for an IAM principal and its access policy, cluster-wide or scoped to namespaces (the seeds
 * give developers their own namespace only).
 */
export class EksAccess extends Construct {
  constructor(scope: Construct, id: string, props: EksAccessProps) {
    super(scope, id);
    const entry = new EksAccessEntry(this, 'Entry', {
      clusterName: props.clusterName,
      principalArn: props.principal,
      type: 'STANDARD',
      kubernetesGroups: props.kubernetesGroup ? [props.kubernetesGroup] : undefined,
    });
    new EksAccessPolicyAssociation(this, 'Policy', {
      clusterName: props.clusterName,
      principalArn: entry.principalArn,
      policyArn: `arn:aws:eks::aws:cluster-access-policy/${POLICY[props.policy]}`,
      accessScope: props.namespaces ? { type: 'namespace', namespaces: [...props.namespaces] } : { type: 'cluster' },
    });
  }
}
