import { actionKind, AttributeChange, changedAttributes } from '../plan/changes';
import type { PlanJson } from '../plan/plan-json';

export type DriftStatus = 'clean' | 'drifted' | 'pending-changes' | 'error';

/** A resource changed or deleted outside Terraform. */
export interface DriftedResource {
  readonly address: string;
  readonly type: string;
  /** `update`: attributes differ from state; `delete`: the object is gone. */
  readonly action: 'update' | 'delete';
  /** Changed attribute paths with masked values (empty for `delete`). */
  readonly attributes: AttributeChange[];
}

/** A configuration change merged but not applied: not drift, but worth knowing. */
export interface PendingChange {
  readonly address: string;
  readonly action: string;
}

export interface StackClassification {
  readonly status: Exclude<DriftStatus, 'error'>;
  readonly drifted: DriftedResource[];
  readonly pending: PendingChange[];
}

/**
 * Tells real-world drift (what a refresh-only plan finds) apart from configuration that is merely not applied yet
 * (what a normal plan wants to do to resources that did not drift).
 *
 * A refreshed attribute is drift only when the normal plan would change it back. Right after a clean apply a
 * refresh "catches up" attributes that other resources of the same configuration set (an EIP's association by
 * its NAT gateway, a route table's routes from aws_route, a role's policies from attachments); the normal plan
 * leaves those alone, and reporting them would make every nightly run cry wolf. Values that only move between
 * null, {} and [] are provider noise. A resource deleted outside Terraform is always drift.
 */
export function classifyStack(refreshOnly: PlanJson, normal: PlanJson): StackClassification {
  const planned = new Map(
    (normal.resource_changes ?? [])
      .filter((rc) => rc.mode !== 'data' && !['no-op', 'read'].includes(actionKind(rc.change.actions)))
      .map((rc) => [rc.address, rc.change]),
  );
  const drifted: DriftedResource[] = [];
  for (const rc of refreshOnly.resource_drift ?? []) {
    if (rc.mode === 'data') continue;
    const kind = actionKind(rc.change.actions);
    if (kind === 'destroy') {
      drifted.push({ address: rc.address, type: rc.type, action: 'delete', attributes: [] });
      continue;
    }
    const revert = planned.get(rc.address);
    if (!revert || (kind !== 'update' && kind !== 'replace')) continue;
    const revertedPaths = changedAttributes(revert).map((a) => a.path);
    const attributes = changedAttributes(rc.change).filter((a) => revertedPaths.some((p) => pathsOverlap(p, a.path)));
    if (attributes.length > 0) drifted.push({ address: rc.address, type: rc.type, action: 'update', attributes });
  }
  const driftedAddresses = new Set(drifted.map((d) => d.address));
  const pending = (normal.resource_changes ?? [])
    .filter((rc) => rc.mode !== 'data' && !driftedAddresses.has(rc.address))
    .map((rc) => ({ address: rc.address, action: actionKind(rc.change.actions) }))
    .filter((c) => c.action !== 'no-op' && c.action !== 'read');
  const status = drifted.length > 0 ? 'drifted' : pending.length > 0 ? 'pending-changes' : 'clean';
  return { status, drifted, pending };
}

/** True when one attribute path is the other or contains it (`tags` and `tags.Name`, `a[0]` and `a[0].b`). */
function pathsOverlap(a: string, b: string): boolean {
  const within = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return within(a, b) || within(b, a);
}
