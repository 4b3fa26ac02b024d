import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { DataAzurermRoleAssignments } from '@cdktf/provider-azurerm/lib/data-azurerm-role-assignments';
import { Construct } from 'constructs';
import { ClusterBase } from './cluster-base';

export interface AksClusterLookupProps {
  /** Name of an existing AKS cluster. */
  readonly clusterName: string;
  /** Its resource group. */
  readonly resourceGroupName: string;
  /** @default [] */
  readonly nodePoolNames?: readonly string[];
  /**
   * Entra ID object ids that must hold a role on the cluster before anything in it is planned: the identities
   * running Terraform. A missing assignment fails the plan with a message naming the object id.
   * @default []
   */
  readonly requiredAccess?: readonly string[];
}

/**
 * An AKS cluster created by another stack, found by name (`data.azurerm_kubernetes_cluster`). Host and CA come from
 * the lookup; credentials from kubelogin (local accounts are disabled, so the kubeconfig holds none).
 */
export class AksClusterLookup extends ClusterBase {
  public readonly cloud = 'azure' as const;
  public readonly data: DataAzurermKubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterLookupProps) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/.test(props.clusterName)) throw new Error(`clusterName: not an AKS cluster name (got "${props.clusterName}")`);
    super(scope, id, props.clusterName, props.nodePoolNames ?? []);
    this.data = new DataAzurermKubernetesCluster(this, 'Cluster', { name: props.clusterName, resourceGroupName: props.resourceGroupName });
    const kubeConfig = this.data.kubeConfig.get(0);
    this.connect({
      endpoint: kubeConfig.host,
      certificateAuthorityData: kubeConfig.clusterCaCertificate,
      oidcIssuerUrl: this.data.oidcIssuerUrl,
      kubernetesVersion: this.data.kubernetesVersion,
    });
    // The role-assignment checks of `requiredAccess`: in-cluster resources wait for them.
    (props.requiredAccess ?? []).forEach((principalId, i) =>
      this.workloadReady.push(
        new DataAzurermRoleAssignments(this, `RequiredAccess-${i}`, {
          scope: this.data.id,
          principalId,
          lifecycle: {
            postcondition: [
              { condition: '${length(self.role_assignments) > 0}', errorMessage: `${principalId} holds no role on ${props.clusterName}: apply the infrastructure stack first` },
            ],
          },
        }),
      ),
    );
  }
}
