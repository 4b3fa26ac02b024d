import { synthesizedResources } from '../../lib/synthesized/synthesized-output';

/** One resource of a synthesized stack that can take over an existing cloud resource. */
export interface AdoptableResource {
  /** Construct path below the stack: the key of the catalogue's `adopt`. */
  readonly path: string;
  readonly type: string;
  readonly address: string;
  /** What the cloud id looks like for this type. */
  readonly idHint: string;
  /** The synthesized configuration (discovery matches on it). */
  readonly config: Record<string, unknown>;
}

/** The import id of each adoptable type, as Terraform's import expects it. */
export const IMPORT_ID: Record<string, string> = {
  aws_vpc: 'VPC id (vpc-…)',
  aws_subnet: 'subnet id (subnet-…)',
  aws_security_group: 'security group id (sg-…)',
  aws_route_table: 'route table id (rtb-…)',
  aws_internet_gateway: 'internet gateway id (igw-…)',
  aws_route53_zone: 'hosted zone id (Z…)',
  aws_s3_bucket: 'bucket name',
  aws_kms_key: 'key id (UUID)',
  aws_kms_alias: 'alias name (alias/…)',
  aws_iam_role: 'role name',
  aws_eks_cluster: 'cluster name',
  aws_cloudwatch_log_group: 'log group name',
  aws_db_instance: 'DB instance identifier',
  aws_autoscaling_group: 'Auto Scaling group name',
  aws_launch_template: 'launch template id (lt-…)',
  azurerm_resource_group: 'resource id (/subscriptions/…/resourceGroups/…)',
  azurerm_virtual_network: 'resource id (…/providers/Microsoft.Network/virtualNetworks/…)',
  azurerm_subnet: 'resource id (…/virtualNetworks/…/subnets/…)',
  azurerm_dns_zone: 'resource id (…/providers/Microsoft.Network/dnsZones/…)',
  azurerm_kubernetes_cluster: 'resource id (…/providers/Microsoft.ContainerService/managedClusters/…)',
  azurerm_storage_account: 'resource id (…/providers/Microsoft.Storage/storageAccounts/…)',
  azurerm_key_vault: 'resource id (…/providers/Microsoft.KeyVault/vaults/…)',
  azurerm_linux_virtual_machine_scale_set: 'resource id (…/providers/Microsoft.Compute/virtualMachineScaleSets/…)',
};

/** The resources of one synthesized stack that `adopt` can name, in construct-path order. */
export function adoptableResources(outdir: string, stack: string): AdoptableResource[] {
  const resources = synthesizedResources(outdir, stack);
  if (!resources) throw new Error(`${stack}: not synthesized in ${outdir}`);
  const rows: AdoptableResource[] = resources
    .filter((r) => IMPORT_ID[r.type])
    .map((r) => ({ path: (r.path ?? '').slice(stack.length + 1), type: r.type, address: r.address, idHint: IMPORT_ID[r.type], config: r.config }));
  return rows.sort((a, b) => a.path.localeCompare(b.path));
}
