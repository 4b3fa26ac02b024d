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
  /** The construct that made the resource, when the synthesized stack is known. */
  readonly path?: string;
}

/** A configuration change merged but not applied: not drift, but worth knowing. */
export interface PendingChange {
  readonly address: string;
  readonly action: string;
  /** For a resource that also drifted: the attributes the plan changes that the drift does not explain. */
  readonly attributes?: string[];
  readonly path?: string;
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
    const revertedPaths = normalizeTagPaths(changedAttributes(revert).map((a) => a.path));
    const attributes = dedupeTags(changedAttributes(rc.change, 4000))
      .filter((a) => revertedPaths.some((p) => pathsOverlap(p, a.path)))
      .map((a) => withSetDiff(a, rc.change.before, rc.change.after));
    if (attributes.length > 0) drifted.push({ address: rc.address, type: rc.type, action: 'update', attributes });
  }
  const driftedPaths = new Map(drifted.map((d) => [d.address, d.attributes.map((a) => a.path)]));
  const deleted = new Set(drifted.filter((d) => d.action === 'delete').map((d) => d.address));
  const pending: PendingChange[] = [];
  for (const rc of normal.resource_changes ?? []) {
    const action = actionKind(rc.change.actions);
    if (rc.mode === 'data' || action === 'no-op' || action === 'read') continue;
    // Recreating what was deleted by hand is the revert of that drift, not a change of configuration.
    if (deleted.has(rc.address)) continue;
    const explained = driftedPaths.get(rc.address);
    if (!explained) {
      pending.push({ address: rc.address, action });
      continue;
    }
    // A drifted resource can have a configuration change of its own: what the plan changes beyond the drift.
    const beyond = normalizeTagPaths(changedAttributes(rc.change).map((a) => a.path)).filter((p) => p !== '' && !explained.some((e) => pathsOverlap(e, p)));
    if (beyond.length > 0) pending.push({ address: rc.address, action, attributes: [...new Set(beyond)] });
  }
  const status = drifted.length > 0 ? 'drifted' : pending.length > 0 ? 'pending-changes' : 'clean';
  return { status, drifted, pending };
}

/** `tags_all` is the provider's merge of `tags` and default tags: one tag is one change, reported under `tags`. */
function normalizeTagPaths(paths: readonly string[]): string[] {
  return paths.map((p) => p.replace(/^tags_all(?=$|\.|\[)/, 'tags'));
}

function dedupeTags(attributes: readonly AttributeChange[]): AttributeChange[] {
  const seen = new Map<string, AttributeChange>();
  for (const a of attributes) {
    const path = normalizeTagPaths([a.path])[0];
    // Prefer the resource's own `tags` entry when both are there; `tags_all` only fills in.
    if (!seen.has(path) || a.path === path) seen.set(path, { ...a, path });
  }
  return [...seen.values()];
}

/**
 * For an attribute that is a list or set (security-group rules, CIDR lists), the elements added and removed, whole:
 * a truncated before/after of two long sets reads as identical.
 */
function withSetDiff(a: AttributeChange, before: unknown, after: unknown): AttributeChange {
  if (a.sensitive) return a;
  const at = (root: unknown) => a.path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
  const [b, c] = [at(before), at(after)];
  if (!Array.isArray(b) || !Array.isArray(c)) return a;
  const key = (x: unknown) => JSON.stringify(x);
  const bs = new Set(b.map(key));
  const cs = new Set(c.map(key));
  return { ...a, added: [...cs].filter((x) => !bs.has(x)), removed: [...bs].filter((x) => !cs.has(x)) };
}

/** True when one attribute path is the other or contains it (`tags` and `tags.Name`, `a[0]` and `a[0].b`). */
function pathsOverlap(a: string, b: string): boolean {
  const within = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return within(a, b) || within(b, a);
}
