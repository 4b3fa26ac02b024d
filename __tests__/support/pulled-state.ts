import { PulledInstance, pulledInstances } from '../../cli/terraform-state';

/** One resource of a state fixture: one instance, named `r<i>` unless named. */
export interface StateFixture {
  readonly type: string;
  readonly name?: string;
  readonly mode?: 'managed' | 'data';
  readonly attributes: Record<string, unknown>;
}

/** A state as `terraform state pull` prints it (format 4). */
export function pulledState(resources: readonly StateFixture[]): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: 'fixture',
    outputs: {},
    resources: resources.map((r, i) => ({ mode: r.mode ?? 'managed', type: r.type, name: r.name ?? `r${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: r.attributes }] })),
  });
}

/** The same state read back as the product reads it. */
export function stateInstances(resources: readonly StateFixture[]): PulledInstance[] {
  return pulledInstances(pulledState(resources));
}
