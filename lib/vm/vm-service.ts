import { IConstruct } from 'constructs';
import type { CloudName } from '../cloud/name-rules';
import type { INetwork } from '../network/network';

/*
 * VM services: the workloads that have not moved to Kubernetes yet, run as an auto-scaled group of identical VMs
 * behind an internal load balancer, rolled to a new image without downtime by the cloud itself (an EC2 instance
 * refresh, a scale set's rolling upgrade). One interface, one implementation per cloud.
 */

/** The image a VM service boots: an AMI (by id or by name, resolved at plan time) or an Azure image. */
export type VmImage =
  /** An AMI by id: `ami-0abc…`. */
  | { readonly ami: string }
  /** The newest AMI whose name matches (`al2023-ami-2023.*-x86_64`), from these owners. */
  | { readonly amiName: string; readonly owners: readonly string[] }
  /** An Azure Marketplace image. */
  | { readonly publisher: string; readonly offer: string; readonly sku: string; readonly version: string }
  /** A Shared (Azure Compute) Gallery image version, by resource id. */
  | { readonly galleryImageVersionId: string };

/** Which cloud an image belongs to. */
export function imageCloud(image: VmImage): 'aws' | 'azure' {
  return 'ami' in image || 'amiName' in image ? 'aws' : 'azure';
}

/** A data volume attached to every instance, encrypted like the root volume. */
export interface VmDataVolume {
  readonly sizeGb: number;
}

export interface VmServiceProps {
  /** The service's name; with the region's prefix it names the group, the load balancer and the identity. */
  readonly name: string;
  /** Name prefix of the region (`kore-prod-use1`). */
  readonly prefix: string;
  readonly network: INetwork;
  readonly image: VmImage;
  /** Instance type (`m6i.large`) or VM size (`Standard_D2s_v5`). */
  readonly size: string;
  readonly capacity: {
    /** Fewest instances, also during a rollout. */
    readonly min: number;
    /** Instances when nothing scales. */
    readonly desired: number;
    /** Most instances. */
    readonly max: number;
  };
  /** TCP ports the load balancer forwards to the instances. */
  readonly ports: readonly number[];
  /** The health endpoint the load balancer probes (HTTP); the port defaults to the first of `ports`. */
  readonly healthCheck: {
    /** HTTP path answering 200 when the instance can serve (`/healthz`). */
    readonly path: string;
    /** @default - the first of `ports` */
    readonly port?: number;
  };
  /**
   * The network tier the instances and the load balancer live in. Never a public tier.
   * @default 'private'
   */
  readonly subnetTier?: string;
  /**
   * Size of the root volume, the same on every instance whatever the image's snapshot says.
   * @default 30
   */
  readonly rootVolumeGb?: number;
  /** @default [] */
  readonly dataVolumes?: readonly VmDataVolume[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A VM service as the rest of the region sees it. */
export interface IVmService extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  readonly serviceName: string;
  /** The group's cloud name: the Auto Scaling group or the scale set (what `adopt` and the unmanaged scan match). */
  readonly groupName: string;
  /** The internal load balancer's address (DNS name on AWS, private IP on Azure): where clients connect. */
  readonly address: string;
  /** The port the health check probes. */
  readonly healthPort: number;
}

/** The health check's port: the one given, else the first service port. */
export function healthPortOf(props: Pick<VmServiceProps, 'ports' | 'healthCheck'>): number {
  return props.healthCheck.port ?? props.ports[0];
}

/** Problems of a VM service's props, one line each (the catalogue reports them with the entry's path). */
export function vmServiceProblems(cloud: 'aws' | 'azure', props: Pick<VmServiceProps, 'image' | 'capacity' | 'ports' | 'healthCheck' | 'subnetTier'>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (imageCloud(props.image) !== cloud) problems.push({ path: 'image', message: `a${cloud === 'aws' ? 'n Azure' : 'n AWS'} image on ${cloud === 'aws' ? 'AWS' : 'Azure'}; give ${cloud === 'aws' ? '"ami" or "amiName" with "owners"' : '"publisher"/"offer"/"sku"/"version" or "galleryImageVersionId"'}` });
  const { min, desired, max } = props.capacity;
  if (!(min <= desired && desired <= max)) problems.push({ path: 'capacity', message: `needs min ≤ desired ≤ max (got ${min} ≤ ${desired} ≤ ${max})` });
  if (new Set(props.ports).size !== props.ports.length) problems.push({ path: 'ports', message: 'a port is listed twice' });
  if (props.healthCheck.port !== undefined && !props.ports.includes(props.healthCheck.port)) problems.push({ path: 'healthCheck.port', message: `${props.healthCheck.port} is not one of the service's ports (${props.ports.join(', ')})` });
  if (props.subnetTier === 'public') problems.push({ path: 'subnetTier', message: 'VM services run in a private tier; the load balancer in front of them is internal' });
  return problems;
}

/** The names a VM service gives the cloud (`<prefix>-<name>` for all of them). */
export function vmServiceCloudNames(cloud: 'aws' | 'azure', prefix: string, name: string): CloudName[] {
  const n = `${prefix}-${name}`;
  return cloud === 'aws'
    ? [{ kind: 'load-balancer', name: n }, { kind: 'autoscaling-group', name: n }, { kind: 'iam-role', name: n }]
    : [{ kind: 'scale-set', name: n }, { kind: 'resource-group', name: n }];
}
