import { DefaultTokenResolver, Lazy, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type JsonObject = Record<string, unknown>;

/**
 * The base of the fleet's stacks: a TerraformStack whose Terraform JSON is resolved once. cdktf's `toTerraform`
 * resolves every element's fragment, merges the fragments, and then resolves the merged whole a second time, only for
 * the stack's raw overrides (`addOverride`), which are merged in unresolved. On a fleet of 96 entries that second pass
 * over 5 MB of already resolved JSON is a third of synth's token resolution. Here the fragments are resolved and
 * merged exactly as cdktf does, and the overrides are merged as they are when they hold no token (this fleet's
 * overrides are plain values, such as the S3 backend's `use_lockfile`); a stack whose overrides hold a token, or a
 * cdktf core without the overrides where this expects them, takes cdktf's own path. The same JSON as cdktf's, key
 * order included: held by a test on whole fleets, and under CDK Terrain by `check:cdktn`.
 */
export class FleetStack extends TerraformStack {
  public override toTerraform(): JsonObject {
    const overrides = (this as unknown as { rawOverrides?: unknown }).rawOverrides;
    if (!isPlainObject(overrides) || holdsToken(overrides)) return super.toTerraform() as JsonObject;
    const resolve = (value: unknown): JsonObject => Tokenization.resolve(value, { scope: this, resolver: RESOLVER, preparing: false }) as JsonObject;
    const elements = elementsOf(this);
    const metadata: JsonObject = {
      version: this.node.tryGetContext('cdktfVersion'),
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
    };
    for (const element of elements) merge(metadata, resolve(element.toMetadata()));
    const outputs: JsonObject = {};
    for (const element of elements) {
      if (TerraformOutput.isTerraformOutput(element)) merge(outputs, nested(element.node.path.split('/'), element.friendlyUniqueId));
    }
    // cdktf's second pass drops the metadata's undefined `cloud`; resolving this small part keeps that.
    const tf: JsonObject = { '//': resolve({ metadata, outputs }) };
    const copyPlain = tokensMarked();
    for (const element of elements) merge(tf, (copyPlain ? resolvePlain(element.toTerraform(), resolve) : resolve(element.toTerraform())) as JsonObject);
    merge(tf, overrides);
    return tf;
  }
}

/** cdktf's order of a stack's elements: depth first, parents before children, not into a nested stack. */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/**
 * What cdktf's resolution makes of `value`, with the token-free parts copied as they are. cdktf's resolution builds a
 * context (two closures and a copy of the path) for every key and value it visits, and most of a fragment holds no
 * token: names, sizes, tags, rendered policy and values documents. Copied here is what resolution leaves unchanged —
 * strings with no token marker and nothing that reads as an encoded number, plain numbers, booleans and null, and the
 * arrays and plain objects made of them, less their undefined members; everything else (a token of any kind, a map
 * or list token, a resolvable, a class instance, a function) goes to cdktf's resolution, which also gives its errors.
 */
function resolvePlain(value: unknown, resolve: (value: unknown) => unknown): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      return value.includes(TOKEN_MARKER) || NUMBER_TOKEN.test(value) ? resolve(value) : value;
    case 'number':
      return Token.isUnresolved(value) ? resolve(value) : value;
    case 'object':
      break;
    default:
      return resolve(value);
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (value.some((v) => (typeof v === 'string' && v.includes(TOKEN_MARKER)) || (typeof v === 'number' && Token.isUnresolved(v)))) return resolve(value);
    const out: unknown[] = [];
    for (const v of value) {
      const r = resolvePlain(v, resolve);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { resolve?: unknown }).resolve === 'function') return resolve(value);
  const keys = Object.keys(value);
  if (keys.some((k) => k.includes(TOKEN_MARKER) || NUMBER_TOKEN.test(k)) || ('_children' in value && '_metadata' in value)) return resolve(value);
  const out: JsonObject = {};
  for (const key of keys) {
    const r = resolvePlain((value as JsonObject)[key], resolve);
    if (r !== undefined) out[key] = r;
  }
  return out;
}

/** What every cdktf token marker in a string has (`${TfToken[`, `#{TfToken[`, `&{TfToken[`). */
const TOKEN_MARKER = 'TfToken[';
let marked: boolean | undefined;
/**
 * Whether this core's string, list and map tokens carry TOKEN_MARKER, asked once (cdktf 0.21 and CDK Terrain 0.24
 * do): under a core that marks them otherwise, every fragment is resolved whole by cdktf and nothing is copied.
 */
function tokensMarked(): boolean {
  if (marked === undefined) {
    const lazy = Lazy.anyValue({ produce: () => undefined });
    marked = [Token.asString(lazy), ...Token.asList(lazy), ...Object.keys(Token.asStringMap(lazy))].every((s) => s.includes(TOKEN_MARKER));
  }
  return marked;
}
/** cdktf's pattern for a number token written into a string (encoding.js, NUMBER_TOKEN_REGEX), without its g flag. */
const NUMBER_TOKEN = /[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)/;

/** `{ a: { b: { c: leaf } } }` for the path a/b/c. */
function nested(path: string[], leaf: string): JsonObject {
  return path.reduceRight<JsonObject | string>((inner, part) => ({ [part]: inner }), leaf) as JsonObject;
}

/**
 * cdktf's deep merge, for values that hold no token: objects merge key by key, an array joins an array already there,
 * `undefined` deletes, anything else replaces.
 */
function merge(target: JsonObject, source: JsonObject): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (typeof target[key] !== 'object') target[key] = {};
      merge(target[key] as JsonObject, value);
    } else if (Array.isArray(value)) {
      const there = target[key];
      target[key] = Array.isArray(there) ? [...(there as unknown[]), ...(value as unknown[])] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value holds a token anywhere: then only cdktf's own resolution of the merged whole is the same. */
function holdsToken(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Tokenization.isResolvable(value)) return true;
  return Object.values(value).some(holdsToken);
}
