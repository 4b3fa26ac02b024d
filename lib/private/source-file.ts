import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';

/** Where each value of a parsed file sits: `line:column` by path, for problem lines that point into the file. */
export type Locate = (path: readonly (string | number)[]) => string | undefined;

/** A file that could not be read or parsed: one line per problem, each starting with `file:line:column` where known. */
export class SourceFileError extends Error {
  constructor(public readonly file: string, public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SourceFileError';
  }
}

/**
 * The one reader of the YAML and JSON files users write (the catalogue, the unmanaged ignore file): the data, and
 * where each value sits. A `.json` file is strict JSON — a trailing comma or a comment is an error, as in every other
 * JSON tool — and gets positions like YAML (JSON is YAML). YAML merge keys are honoured; duplicate keys are an error.
 */
export function readSourceFile(file: string): { data: unknown; locate: Locate } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourceFileError(file, [`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  const lineCounter = new LineCounter();
  const json = extname(file).toLowerCase() === '.json';
  const kind = json ? 'JSON' : 'YAML';
  const doc = parseDocument(text, { merge: !json, prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new SourceFileError(
      file,
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return `${file}:${line}:${col}: not valid ${kind}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '')}`;
      }),
    );
  }
  if (json) strictJson(file, text);
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  const locate: Locate = (p) => {
    const offset = offsetOf(doc.contents, p);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
  return { data, locate };
}

/** JSON.parse's verdict, with its position turned into line:column. */
function strictJson(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const pos = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const before = Number.isNaN(pos) ? undefined : text.slice(0, pos).split('\n');
    const at = before ? `${before.length}:${before[before.length - 1].length + 1}` : '1:1';
    throw new SourceFileError(file, [`${file}:${at}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`]);
  }
}

/** The source offset of the deepest node on `path` (a key's own position for map entries). */
function offsetOf(root: unknown, path: readonly (string | number)[]): number | undefined {
  let node: unknown = root;
  let offset = (root as Node | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
