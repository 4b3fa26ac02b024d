// Parses GitHub workflow files with GitHub's own parser (@actions/workflow-parser, an ES module, hence a separate
// process for jest) and prints, per file, the parse errors and the converted template as JSON.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { register } from 'node:module';

// The parser imports its JSON schema without an import attribute, which Node 20 refuses; this hook adds it.
const hook = `export async function load(url, context, next) {
  return url.endsWith('.json') ? next(url, { ...context, importAttributes: { type: 'json' } }) : next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { NoOperationTraceWriter, parseWorkflow, convertWorkflowTemplate } = await import('@actions/workflow-parser');

const out = {};
for (const file of process.argv.slice(2)) {
  const result = parseWorkflow({ name: basename(file), content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  let template;
  if (result.value) {
    template = await convertWorkflowTemplate(result.context, result.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  }
  out[basename(file)] = { errors: [...new Set(errors)], template: JSON.parse(JSON.stringify(template ?? null)) };
}
process.stdout.write(JSON.stringify(out));
