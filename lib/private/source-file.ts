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
  const json = extname(file).toLowerCase() === '.json';
  if (json) {
    const fast = parsedJson(text);
    // Positions only when a problem asks for one: the document is then read once.
    let located: { locate: Locate } | undefined;
    if (fast) return { data: fast.data, locate: (p) => (located ??= readDocument(file, text, true)).locate(p) };
  }
  return readDocument(file, text, json);
}

/**
 * Valid JSON without a repeated key, read by JSON.parse: what the YAML reader would make of it, without building a
 * document of positions that only a problem line needs (a 96-entry catalogue: 0.1 s). Anything else (undefined) goes
 * the YAML reader's way, which says what is wrong and where, as before.
 */
export function parsedJson(text: string): { data: unknown } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // JSON.parse keeps the last of repeated keys silently; YAML refuses them. Every key is a string token followed by a
  // colon, and outside strings JSON has no quotes: so the keys written equal the keys parsed unless one repeats.
  let written = 0;
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)) if (m[1]) written++;
  return written === keysIn(data) ? { data } : undefined;
}

/** How many keys the objects in a parsed JSON value hold, nested ones included. */
function keysIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keysIn(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((n: number, v) => n + keysIn(v), Object.keys(value).length);
}

/** The YAML reader (JSON is YAML): the data and positions, or every parse error with its line and column. */
function readDocument(file: string, text: string, json: boolean): { data: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
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
