import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { DataAzurermRoleAssignments } from '@cdktf/provider-azurerm/lib/data-azurerm-role-assignments';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ICluster, KubernetesProviderAuth, tokenAuth } from './cluster';

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
export class AksClusterLookup extends Construct implements ICluster {
  public readonly cloud = 'azure' as const;
  public readonly clusterName: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubernetesVersion: string;
  public readonly nodePoolNames: readonly string[];
  public readonly kubernetesAuth: KubernetesProviderAuth;
  /** The role-assignment checks of `requiredAccess`: in-cluster resources wait for them. */
  public readonly workloadReady: readonly ITerraformDependable[];
  public readonly data: DataAzurermKubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterLookupProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/.test(props.clusterName)) throw new Error(`clusterName: not an AKS cluster name (got "${props.clusterName}")`);
    this.clusterName = props.clusterName;
    this.nodePoolNames = [...(props.nodePoolNames ?? [])];
    this.data = new DataAzurermKubernetesCluster(this, 'Cluster', { name: props.clusterName, resourceGroupName: props.resourceGroupName });
    const kubeConfig = this.data.kubeConfig.get(0);
    this.endpoint = kubeConfig.host;
    this.certificateAuthorityData = kubeConfig.clusterCaCertificate;
    this.oidcIssuerUrl = this.data.oidcIssuerUrl;
    this.kubernetesVersion = this.data.kubernetesVersion;
    this.kubernetesAuth = tokenAuth('azure', this.endpoint, this.certificateAuthorityData, { name: props.clusterName });
    this.workloadReady = (props.requiredAccess ?? []).map(
      (principalId, i) =>
        new DataAzurermRoleAssignments(this, `RequiredAccess-${i}`, {
          scope: this.data.id,
          principalId,
          lifecycle: {
            postcondition: [
              { condition: '${length(self.role_assignments) > 0}', errorMessage: `${principalId} holds no role on ${props.clusterName}: apply the infrastructure stack first` },
            ],
          },
        }),
    );
  }
}
