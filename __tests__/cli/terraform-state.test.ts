import { pulledInstances } from '../../cli/terraform-state';

describe('pulledInstances (terraform state pull, format 4)', () => {
  const state = {
    version: 4,
    resources: [
      { mode: 'managed', type: 'aws_vpc', name: 'Vpc', instances: [{ attributes: { id: 'vpc-1' } }] },
      { mode: 'managed', type: 'aws_subnet', name: 'Private', instances: [{ index_key: 0, attributes: { id: 'subnet-a' } }, { index_key: 1, attributes: { id: 'subnet-b' } }] },
      { module: 'module.edge', mode: 'managed', type: 'aws_route53_record', name: 'Alias', instances: [{ index_key: 'www', attributes: { id: 'Z_www' } }] },
      { mode: 'data', type: 'aws_ami', name: 'Image', instances: [{ attributes: { id: 'ami-1' } }] },
      { mode: 'managed', type: 'aws_iam_role', name: 'Gone', instances: [] },
    ],
  };

  it('gives every instance its address as Terraform writes it, with its attributes', () => {
    expect(pulledInstances(JSON.stringify(state)).map((i) => [i.address, i.mode, i.type, i.name, i.attributes.id])).toEqual([
      ['aws_vpc.Vpc', 'managed', 'aws_vpc', 'Vpc', 'vpc-1'],
      ['aws_subnet.Private[0]', 'managed', 'aws_subnet', 'Private', 'subnet-a'],
      ['aws_subnet.Private[1]', 'managed', 'aws_subnet', 'Private', 'subnet-b'],
      ['module.edge.aws_route53_record.Alias["www"]', 'managed', 'aws_route53_record', 'Alias', 'Z_www'],
      ['data.aws_ami.Image', 'data', 'aws_ami', 'Image', 'ami-1'],
    ]);
  });

  it('reads an empty answer (no state yet) as no instances, and refuses what is not a state of format 4 in one line', () => {
    expect(pulledInstances('')).toEqual([]);
    expect(pulledInstances('{"version":4}')).toEqual([]);
    expect(() => pulledInstances('<html>')).toThrow(/^not a Terraform state \(Unexpected token/);
    expect(() => pulledInstances('{"version":3,"modules":[]}')).toThrow('not a Terraform state of format 4 (version 3)');
  });
});
