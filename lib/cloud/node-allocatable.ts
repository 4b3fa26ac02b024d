import { NodeCapacity, nodeCapacity } from './instance-types';

/*
 * What a node leaves to pods: its capacity less what the kubelet reserves and what the platform's own daemonsets
 * (CNI, kube-proxy, CSI drivers, log agents) request. Estimates from the clouds' documented reservation formulas
 * (EKS AMI bootstrap: 255Mi + 11Mi per pod, 58 pods assumed; AKS: 20MB per pod + 50MB up to 25% of memory, 250
 * pods with Azure CNI overlay; CPU on both: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25%
 * beyond), rounded against the workload: a request that fits here fits a real node.
 */

const cpuReserved = (vcpu: number) => 0.06 + (vcpu > 1 ? 0.01 : 0) + Math.min(Math.max(vcpu - 2, 0), 2) * 0.005 + Math.max(vcpu - 4, 0) * 0.0025;
const DAEMONSETS: Readonly<Record<'aws' | 'azure', NodeCapacity>> = { aws: { vcpu: 0.25, memoryGib: 0.4 }, azure: { vcpu: 0.5, memoryGib: 1.5 } };

/** Estimated allocatable CPU (cores) and memory (GiB) for pods of a node size, or undefined for an unlisted size. */
export function nodeAllocatable(cloud: 'aws' | 'azure', size: string): NodeCapacity | undefined {
  const c = nodeCapacity(cloud, size);
  if (!c) return undefined;
  const memoryReserved = cloud === 'aws' ? (255 + 11 * 58) / 1024 + 0.1 : Math.min((20 * 250 + 50) / 1024, c.memoryGib * 0.25) + 0.1;
  const d = DAEMONSETS[cloud];
  return { vcpu: round(c.vcpu - cpuReserved(c.vcpu) - d.vcpu), memoryGib: round(c.memoryGib - memoryReserved - d.memoryGib) };
}

const round = (x: number) => Math.floor(x * 10) / 10;

/** Kubernetes CPU quantity in cores (`2`, `500m`, `1.5`), or undefined when it is not one. */
export function cpuCores(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q);
  return m ? Number(m[1]) / (m[2] ? 1000 : 1) : undefined;
}

/** Kubernetes memory quantity in GiB (`16Gi`, `8192Mi`, `17G`), or undefined when it is not one. */
export function memoryGib(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return undefined;
  const factor: Record<string, number> = { '': 1 / 1024 ** 3, Ki: 1 / 1024 ** 2, Mi: 1 / 1024, Gi: 1, Ti: 1024, k: 1e3 / 1024 ** 3, M: 1e6 / 1024 ** 3, G: 1e9 / 1024 ** 3, T: 1e12 / 1024 ** 3 };
  return Number(m[1]) * factor[m[2] ?? ''];
}
