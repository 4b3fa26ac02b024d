import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * The hover text of catalogue keys, read from the TSDoc of the zod schema's properties (regions/*.ts): the same
 * source as the code's own documentation, so the two cannot disagree. A key documented with two meanings in two
 * places gets none (a wrong hover is worse than none).
 */
export function schemaDescriptions(dir = 'regions'): Record<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
        const text = docOf(node);
        if (text) seen.set(node.name.text, (seen.get(node.name.text) ?? new Set()).add(text));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return Object.fromEntries([...seen].filter(([, texts]) => texts.size === 1).map(([name, texts]) => [name, [...texts][0]]));
}

function docOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const parts = docs.map((d) => {
    const comment = typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join('');
    const defaults = (d.tags ?? []).filter((t) => t.tagName.text === 'default').map((t) => `Default: ${typeof t.comment === 'string' ? t.comment : (t.comment ?? []).map((c) => c.text).join('')}`);
    return [comment, ...defaults].filter(Boolean).join(' ');
  });
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}
