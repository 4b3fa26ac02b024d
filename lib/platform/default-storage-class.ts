import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface DefaultStorageClassProps {
  /** Which CSI driver: the EBS CSI driver on EKS, the Azure disk CSI driver on AKS. */
  readonly cloud: 'aws' | 'azure';
  /** @default 'standard-encrypted' */
  readonly name?: string;
  /** What must exist first (the CSI driver add-on, the cluster access of the identity applying this). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The cluster's default storage class, one call on both clouds: encrypted gp3 EBS volumes on EKS, zone-redundant
 * premium SSD managed disks on AKS (encrypted at rest by the platform). Volumes bind where their pod lands and can
 * grow.
 */
export class DefaultStorageClass extends Construct {
  public readonly storageClass: StorageClassV1;

  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    const aws = props.cloud === 'aws';
    this.storageClass = new StorageClassV1(this, 'StorageClass', {
      metadata: {
        name: props.name ?? 'standard-encrypted',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      storageProvisioner: aws ? 'ebs.csi.aws.com' : 'disk.csi.azure.com',
      parameters: aws ? { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' } : { skuName: 'Premium_ZRS', cachingMode: 'ReadOnly' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
  }
}
