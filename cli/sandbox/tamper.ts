import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PulledInstance, pulledInstances } from '../terraform-state';

/** A change made behind Terraform's back. */
export type TamperAction =
  | { kind: 'tag'; id: string; tags: Record<string, string> }
  | { kind: 'authorize-ingress'; groupId: string; port: number; cidr: string }
  | { kind: 'delete-route'; routeTableId: string; cidr: string }
  | { kind: 'resize-nodegroup'; cluster: string; nodegroup: string; scaling: { minSize: number; desiredSize: number; maxSize: number } }
  | { kind: 'put-object'; account: string; region?: string; bucket: string; key: string; body: string }
  | { kind: 'create-state-store'; account: string; region: string; bucket: string; lockTable?: string }
  | { kind: 'create-image'; account: string; region: string; name: string };

/** Applies the actions to the emulator at `endpoint` (through tamper.py and boto3). */
export function tamper(endpoint: string, actions: readonly TamperAction[]): void {
  const r = spawnSync('python3', [join(__dirname, 'tamper.py'), endpoint], { input: JSON.stringify(actions), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tamper failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
}

/** One managed resource instance from `terraform state pull` output. */
export type StateResource = PulledInstance;

/** Managed resource instances of a pulled state, for finding the ids to tamper with. */
export function stateResources(stateJson: string): StateResource[] {
  return pulledInstances(stateJson).filter((r) => r.mode === 'managed');
}

/** A state attribute of the expected type, or an error naming the resource and the attribute. */
function attr<T extends 'string' | 'number'>(r: StateResource, path: string, type: T): T extends 'string' ? string : number {
  let v: unknown = r.attributes;
  for (const key of path.split('.')) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[key];
  if (typeof v !== type) throw new Error(`${r.type}.${r.name}: state attribute ${path} is not a ${type}`);
  return v as T extends 'string' ? string : number;
}

/** The sandbox changes the drift demo and tests make: VPC tags, an SG rule, a deleted route, a resized node group. */
export function standardTampering(resources: readonly StateResource[]): { actions: TamperAction[]; expected: Record<string, string[]> } {
  const one = (type: string, pred: (r: StateResource) => boolean = () => true) => {
    const found = resources.find((r) => r.type === type && pred(r));
    if (!found) throw new Error(`no ${type} in state to tamper with`);
    return found;
  };
  const vpc = one('aws_vpc');
  const sg = one('aws_default_security_group');
  const route = one('aws_route', (r) => Boolean(r.attributes.nat_gateway_id));
  const nodeGroup = one('aws_eks_node_group');
  const address = (r: StateResource) => `${r.type}.${r.name}`;
  return {
    actions: [
      { kind: 'tag', id: attr(vpc, 'id', 'string'), tags: { Name: `${attr(vpc, 'tags.Name', 'string')}-renamed`, 'added-by-hand': 'yes' } },
      { kind: 'authorize-ingress', groupId: attr(sg, 'id', 'string'), port: 22, cidr: '198.51.100.0/24' },
      { kind: 'delete-route', routeTableId: attr(route, 'route_table_id', 'string'), cidr: attr(route, 'destination_cidr_block', 'string') },
      {
        kind: 'resize-nodegroup',
        cluster: attr(nodeGroup, 'cluster_name', 'string'),
        nodegroup: attr(nodeGroup, 'node_group_name', 'string'),
        // The bounds raised by hand: drift. (The size between them is the autoscaler's, and never drift.)
        scaling: {
          minSize: attr(nodeGroup, 'scaling_config.0.min_size', 'number'),
          desiredSize: attr(nodeGroup, 'scaling_config.0.desired_size', 'number'),
          maxSize: attr(nodeGroup, 'scaling_config.0.max_size', 'number') + 1,
        },
      },
    ],
    expected: {
      // One tag is one change: tags_all (the provider's merge with default tags) is reported as tags.
      [address(vpc)]: ['tags.Name', 'tags.added-by-hand'],
      [address(sg)]: ['ingress'],
      [address(route)]: [],
      [address(nodeGroup)]: ['scaling_config[0].max_size'],
    },
  };
}
