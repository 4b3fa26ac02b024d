import { standardTampering, stateResources } from '../../cli/sandbox/tamper';

/** A pulled state with the four resources the standard tampering needs (attribute shapes as the AWS provider writes them). */
function pulledState(overrides: { nodeGroup?: Record<string, unknown> } = {}): string {
  const res = (type: string, name: string, attributes: Record<string, unknown>, mode = 'managed') => ({ mode, type, name, instances: [{ attributes }] });
  return JSON.stringify({
    version: 4,
    resources: [
      res('aws_vpc', 'Vpc', { id: 'vpc-1', tags: { Name: 'kore-dev' } }),
      res('aws_vpc', 'Lookup', { id: 'vpc-x' }, 'data'),
      res('aws_default_security_group', 'Default', { id: 'sg-1' }),
      res('aws_route', 'NoNat', { route_table_id: 'rtb-0', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }),
      res('aws_route', 'Nat', { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-1' }),
      res('aws_eks_node_group', 'System', { cluster_name: 'kore-dev', node_group_name: 'system', scaling_config: [{ min_size: 2, desired_size: 2, max_size: 5 }], ...overrides.nodeGroup }),
    ],
  });
}

describe('sandbox tampering (what the drift demo and suite change behind Terraform)', () => {
  it('reads managed instances only, and builds the four changes from state attributes', () => {
    const resources = stateResources(pulledState());
    expect(resources.map((r) => `${r.type}.${r.name}`)).not.toContain('aws_vpc.Lookup');
    const { actions, expected } = standardTampering(resources);
    expect(actions).toEqual([
      { kind: 'tag', id: 'vpc-1', tags: { Name: 'kore-dev-renamed', 'added-by-hand': 'yes' } },
      { kind: 'authorize-ingress', groupId: 'sg-1', port: 22, cidr: '198.51.100.0/24' },
      { kind: 'delete-route', routeTableId: 'rtb-1', cidr: '0.0.0.0/0' },
      { kind: 'resize-nodegroup', cluster: 'kore-dev', nodegroup: 'system', scaling: { minSize: 2, desiredSize: 2, maxSize: 6 } },
    ]);
    expect(Object.keys(expected)).toEqual(['aws_vpc.Vpc', 'aws_default_security_group.Default', 'aws_route.Nat', 'aws_eks_node_group.System']);
  });

  it('names the resource and attribute when the state lacks one', () => {
    const resources = stateResources(pulledState({ nodeGroup: { scaling_config: [] } }));
    expect(() => standardTampering(resources)).toThrow('aws_eks_node_group.System: state attribute scaling_config.0.min_size is not a number');
  });
});
