import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What GitHub's own workflow parser made of one workflow file. */
export interface ParsedWorkflow {
  readonly errors: string[];
  readonly template: any;
}

let cache: Record<string, ParsedWorkflow> | undefined;

/** Every workflow under .github/workflows, parsed by `@actions/workflow-parser` (in a child process: it is ESM). */
export function parsedWorkflows(): Record<string, ParsedWorkflow> {
  if (cache) return cache;
  const dir = join('.github', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  const r = spawnSync(process.execPath, [join(__dirname, 'parse-workflow.mjs'), ...files], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`workflow parser failed: ${r.stderr}`);
  cache = JSON.parse(r.stdout) as Record<string, ParsedWorkflow>;
  return cache;
}

/** A job of a parsed workflow template, by id. */
export function jobOf(workflow: ParsedWorkflow, id: string): any {
  const job = workflow.template.jobs.find((j: any) => j.id === id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

/** The value of a key in the parser's mapping form (`{ type: 2, map: [{ Key, Value }] }`). */
export function mapValue(mapping: any, key: string): any {
  return mapping?.map?.find((e: any) => e.Key === key)?.Value;
}

/** An expression's text (`{ type: 3, expr }`) or a literal. */
export function exprOf(value: any): string {
  return typeof value === 'object' && value !== null && 'expr' in value ? value.expr : value;
}
