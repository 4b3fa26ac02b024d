import { readFileSync } from 'node:fs';

/*
 * The subset of Terraform's JSON plan representation (`terraform show -json <plan>`) these tools read.
 * https://developer.hashicorp.com/terraform/internals/json-format — unknown properties are ignored, as the format
 * asks; an unsupported major format version is refused.
 */

export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** A value's sensitivity or unknown-ness, mirroring its shape: `true` at a leaf or subtree that is marked. */
export type Marks = boolean | Marks[] | { [key: string]: Marks };

export interface Change {
  readonly actions: ChangeAction[];
  readonly before: unknown;
  readonly after: unknown;
  readonly after_unknown?: Marks;
  readonly before_sensitive?: Marks;
  readonly after_sensitive?: Marks;
  /** Attribute paths that force replacement, each a list of keys and indexes. */
  readonly replace_paths?: (string | number)[][];
  /** Set when an `import` block brings an existing object under management. */
  readonly importing?: { readonly id?: string };
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly change: Change;
  readonly action_reason?: string;
  /** Set when a `moved` block moves the resource here from this address. */
  readonly previous_address?: string;
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: ResourceChange[];
  readonly resource_drift?: ResourceChange[];
  readonly output_changes?: Record<string, Change>;
  readonly errored?: boolean;
}

/** A plan file that cannot be used: the message is one line and names the file. */
export class PlanFileError extends Error {
  constructor(public readonly source: string, reason: string) {
    super(`${source}: ${reason}`);
    this.name = 'PlanFileError';
  }
}

/** Parses and checks `terraform show -json` output; `source` names it in errors. */
export function parsePlanJson(text: string, source: string): PlanJson {
  if (text.trim() === '') throw new PlanFileError(source, 'empty file (expected `terraform show -json <planfile>` output)');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanFileError(source, `not valid JSON, possibly truncated (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PlanFileError(source, 'not a JSON object');
  const plan = raw as Record<string, unknown>;
  const version = plan.format_version;
  if (typeof version !== 'string') {
    throw new PlanFileError(source, 'no format_version: not `terraform show -json` output of a plan');
  }
  if (!version.startsWith('1.')) throw new PlanFileError(source, `unsupported plan format_version ${version} (this tool reads 1.x)`);
  if (!('planned_values' in plan) && !('resource_changes' in plan)) {
    throw new PlanFileError(source, 'this is a state, not a plan (no planned_values or resource_changes); run `terraform show -json <planfile>`');
  }
  for (const key of ['resource_changes', 'resource_drift'] as const) {
    const list = plan[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new PlanFileError(source, `${key} is not a list`);
    (list as unknown[]).forEach((item, i) => {
      const rc = (typeof item === 'object' && item !== null ? item : {}) as { address?: unknown; change?: { actions?: unknown } };
      const ok = typeof rc.address === 'string' && Array.isArray(rc.change?.actions);
      if (!ok) throw new PlanFileError(source, `${key}[${i}] has no address or change.actions`);
    });
  }
  return plan as unknown as PlanJson;
}

/** Reads and parses a plan JSON file. */
export function readPlanFile(path: string): PlanJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PlanFileError(path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parsePlanJson(text, path);
}
