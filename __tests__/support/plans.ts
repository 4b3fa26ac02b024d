import type { Change, ChangeAction, PlanJson, ResourceChange } from '../../cli/plan/plan-json';

/** A resource change for crafted plans. */
export function rc(address: string, actions: ChangeAction[], change: Partial<Change> = {}, extra: Partial<ResourceChange> = {}): ResourceChange {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, change: { actions, before: null, after: null, ...change }, ...extra };
}

/** A crafted `terraform show -json` plan. */
export function plan(changes: ResourceChange[], outputs: PlanJson['output_changes'] = {}): PlanJson {
  return { format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes, output_changes: outputs, planned_values: {} } as PlanJson;
}
