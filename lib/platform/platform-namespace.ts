import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** What a namespace may use in total. */
export interface NamespaceQuota {
  /** @default '8' */
  readonly requestsCpu?: string;
  /** @default '16Gi' */
  readonly requestsMemory?: string;
  /** @default '16' */
  readonly limitsCpu?: string;
  /** @default '32Gi' */
  readonly limitsMemory?: string;
  /** @default '100' */
  readonly pods?: string;
}

/** Defaults a container gets when it declares nothing. */
export interface ContainerDefaults {
  /** @default '100m' */
  readonly requestCpu?: string;
  /** @default '128Mi' */
  readonly requestMemory?: string;
  /** @default '500m' */
  readonly limitCpu?: string;
  /** @default '512Mi' */
  readonly limitMemory?: string;
}

export interface PlatformNamespaceProps {
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - the NamespaceQuota defaults */
  readonly quota?: NamespaceQuota;
  /** @default - the ContainerDefaults defaults */
  readonly containerDefaults?: ContainerDefaults;
  /** What must exist first (the cluster access of the identity applying this). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;

/**
 * A namespace with labels (including the restricted Pod Security Standard), a resource quota and a limit range
 * of container defaults, so that one team cannot starve the others and unsized pods still get sane limits.
 */
export class PlatformNamespace extends Construct {
  public readonly namespace: NamespaceV1;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(props.name)) throw new Error(`namespaces: "${props.name}" is not a valid namespace name`);
    const q = { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: '100', ...props.quota };
    const d = { requestCpu: '100m', requestMemory: '128Mi', limitCpu: '500m', limitMemory: '512Mi', ...props.containerDefaults };
    for (const [key, value] of Object.entries({ ...q, ...d })) {
      if (!QUANTITY.test(value)) throw new Error(`namespaces.${props.name}.${key}: not a Kubernetes quantity (got "${value}")`);
    }
    this.name = props.name;
    this.namespace = new NamespaceV1(this, 'Namespace', {
      metadata: {
        name: props.name,
        labels: { 'kore.io/managed': 'true', 'pod-security.kubernetes.io/enforce': 'restricted', ...props.labels },
      },
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
    new ResourceQuotaV1(this, 'Quota', {
      metadata: { name: 'default', namespace: this.namespace.metadata.name },
      spec: {
        hard: { 'requests.cpu': q.requestsCpu, 'requests.memory': q.requestsMemory, 'limits.cpu': q.limitsCpu, 'limits.memory': q.limitsMemory, pods: q.pods },
      },
    });
    new LimitRangeV1(this, 'Limits', {
      metadata: { name: 'default', namespace: this.namespace.metadata.name },
      spec: {
        limit: [{ type: 'Container', defaultRequest: { cpu: d.requestCpu, memory: d.requestMemory }, default: { cpu: d.limitCpu, memory: d.limitMemory } }],
      },
    });
  }
}
