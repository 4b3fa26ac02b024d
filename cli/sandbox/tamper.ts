import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** A change made behind Terraform's back. */
export type TamperAction =
  | { kind: 'tag'; id: string; tags: Record<string, string> }
  | { kind: 'authorize-ingress'; groupId: string; port: number; cidr: string }
  | { kind: 'delete-route'; routeTableId: string; cidr: string }
  | { kind: 'resize-nodegroup'; cluster: string; nodegroup: string; scaling: { minSize: number; desiredSize: number; maxSize: number } }
  | { kind: 'put-object'; account: string; region?: string; bucket: string; key: string; body: string }
  | { kind: 'create-state-store'; account: string; region: string; bucket: string; lockTable?: string };

/** Applies the actions to the emulator at `endpoint` (through tamper.py and boto3). */
export function tamper(endpoint: string, actions: readonly TamperAction[]): void {
  const r = spawnSync('python3', [join(__dirname, 'tamper.py'), endpoint], { input: JSON.stringify(actions), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tamper failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
}

/** One managed resource instance from `terraform state pull` output. */
export interface StateResource {
  readonly type: string;
  readonly name: string;
  readonly attributes: Record<string, any>;
}

/** Managed resource instances of a pulled state, for finding the ids to tamper with. */
export function stateResources(stateJson: string): StateResource[] {
  const state = JSON.parse(stateJson);
  return state.resources
    .filter((r: any) => r.mode === 'managed')
    .flatMap((r: any) => r.instances.map((i: any) => ({ type: r.type, name: r.name, attributes: i.attributes })));
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
  const scaling = nodeGroup.attributes.scaling_config[0];
  const address = (r: StateResource) => `${r.type}.${r.name}`;
  return {
    actions: [
      { kind: 'tag', id: vpc.attributes.id, tags: { Name: `${vpc.attributes.tags.Name}-renamed`, 'added-by-hand': 'yes' } },
      { kind: 'authorize-ingress', groupId: sg.attributes.id, port: 22, cidr: '198.51.100.0/24' },
      { kind: 'delete-route', routeTableId: route.attributes.route_table_id, cidr: route.attributes.destination_cidr_block },
      {
        kind: 'resize-nodegroup',
        cluster: nodeGroup.attributes.cluster_name,
        nodegroup: nodeGroup.attributes.node_group_name,
        scaling: { minSize: scaling.min_size, desiredSize: scaling.max_size, maxSize: scaling.max_size },
      },
    ],
    expected: {
      // One tag is one change: tags_all (the provider's merge with default tags) is reported as tags.
      [address(vpc)]: ['tags.Name', 'tags.added-by-hand'],
      [address(sg)]: ['ingress'],
      [address(route)]: [],
      [address(nodeGroup)]: ['scaling_config[0].desired_size'],
    },
  };
}
