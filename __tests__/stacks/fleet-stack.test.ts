import { App, Fn, Lazy, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { generatedCatalogue } from '../../bench/generated-catalogue';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import type { Catalogue } from '../../regions/schema';
import { addCatalogueStacks } from '../../stacks/app';
import { FleetStack } from '../../stacks/fleet-stack';

/** cdktf's own JSON of a stack (TerraformStack's toTerraform), to hold FleetStack's against. */
const cdktfJson = (stack: TerraformStack) => JSON.stringify(TerraformStack.prototype.toTerraform.call(stack));

/** The Tokenization.resolve calls made while `run` runs that were handed a whole stack (its `//` metadata key). */
function wholeStackResolves(run: () => void): number {
  const spy = jest.spyOn(Tokenization, 'resolve');
  try {
    run();
    return spy.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && '//' in value).length;
  } finally {
    spy.mockRestore();
  }
}

/** Every stack of a catalogue's app, references prepared as synth prepares them. */
function fleetStacks(catalogue: Catalogue): TerraformStack[] {
  const app = Testing.app();
  const { referencing } = addCatalogueStacks(app, catalogue);
  for (const stack of referencing) stack.prepareStack();
  return app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

// Both clouds, both state back-ends, the Artifactory primary and replicas on each cloud (entries 0–15 AWS, 16–29 Azure).
const generated = generatedCatalogue(30);
const generatedNine = { ...generated, regions: [0, 1, 5, 10, 15, 16, 20, 25, 29].map((i) => generated.regions[i]) };

describe('FleetStack', () => {
  it.each([
    ['the default catalogue', () => defaultCatalogue()],
    ['the sandbox catalogue', () => parseCatalogue(sandboxCatalogue({ endpoint: 'http://127.0.0.1:5000' }), 'sandbox')],
    ['nine entries of a generated catalogue', () => parseCatalogue(generatedNine, 'generated')],
  ])('writes the same JSON as cdktf, key order included, for every stack of %s, in one resolution pass', (_name, catalogue) => {
    const stacks = fleetStacks(catalogue());
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const stack of stacks) {
      expect(stack).toBeInstanceOf(FleetStack);
      let json = '';
      // The fleet's stacks carry plain overrides (the S3 backend's use_lockfile): still one pass.
      expect(wholeStackResolves(() => (json = JSON.stringify(stack.toTerraform())))).toBe(0);
      expect(json).toBe(cdktfJson(stack));
    }
    const overridden = stacks.map((s) => JSON.parse(JSON.stringify(s.toTerraform())) as { '//': { metadata: { overrides?: { stack?: string[] } } } });
    expect(overridden.some((j) => j['//'].metadata.overrides?.stack?.includes('terraform'))).toBe(true);
  });

  it('merges outputs in nested constructs, plain overrides that join arrays, replace and delete, and element overrides as cdktf does', () => {
    const stack = new FleetStack(Testing.app(), 'plain');
    const inner = new Construct(new Construct(stack, 'outer'), 'inner');
    new TerraformOutput(inner, 'deep', { value: 'x' });
    const top = new TerraformOutput(stack, 'top', { value: new TerraformVariable(stack, 'v', { type: 'string' }).stringValue });
    top.addOverride('description', 'from an override');
    new TerraformLocal(stack, 'l', { a: 1, b: [1, 2] });
    stack.addOverride('terraform.required_version', '>= 1.5');
    stack.addOverride('locals.l', { c: 3 });
    stack.addOverride('variable.v.description', undefined);
    stack.addOverride('extra', [{ k: 'v' }]);
    let json = '';
    expect(wholeStackResolves(() => (json = JSON.stringify(stack.toTerraform())))).toBe(0);
    expect(json).toBe(cdktfJson(stack));
    const parsed = JSON.parse(json) as { '//': { outputs: unknown; metadata: Record<string, unknown> }; locals: unknown; extra: unknown; output: { top: unknown } };
    expect(parsed.output.top).toEqual({ value: '${var.v}', description: 'from an override' });
    expect(parsed['//'].outputs).toEqual({ plain: { outer: { inner: { deep: 'outer_inner_deep_2821B690' } }, top: 'top' } });
    expect(parsed['//'].metadata).not.toHaveProperty('cloud');
    expect(parsed.locals).toEqual({ l: { a: 1, b: [1, 2], c: 3 } });
    expect(parsed.extra).toEqual([{ k: 'v' }]);
  });

  it('takes cdktf own path, the merged whole resolved again, when a stack override holds a token', () => {
    const stack = new FleetStack(new App({ outdir: Testing.app().outdir }), 'token');
    const variable = new TerraformVariable(stack, 'name', { type: 'string' });
    stack.addOverride('terraform.backend.local', Lazy.anyValue({ produce: () => ({ path: variable.stringValue }) }));
    let json = '';
    expect(wholeStackResolves(() => (json = JSON.stringify(stack.toTerraform())))).toBe(1);
    expect(json).toBe(cdktfJson(stack));
    expect((JSON.parse(json) as { terraform: { backend: { local: unknown } } }).terraform.backend.local).toEqual({ path: '${var.name}' });
  });

  it('copies the token-free parts of a fragment and hands cdktf only what holds a token, with the same JSON', () => {
    const stack = new FleetStack(Testing.app(), 'mixed');
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const named = `pre-${name.stringValue}-post`;
    const size = new TerraformVariable(stack, 'size', { type: 'number' });
    const zones = new TerraformVariable(stack, 'zones', { type: 'list(string)' });
    const tags = new TerraformVariable(stack, 'tags', { type: 'map(string)' });
    new TerraformLocal(stack, 'mixed', {
      plain: { text: 'plain words', count: 3, on: true, none: null, gone: undefined, list: ['a', undefined, 'b', [1, { x: 'y' }]] },
      escaped: 'literal $${var.x} and ${var.y}',
      numberLike: ['kube-e2e', '1e5', 'ami-0e1f'],
      tokens: { name: named, size: size.numberValue, zones: zones.listValue, firstZone: Fn.element(zones.listValue, 0) },
      maps: { tags: tags.value, [`key-${name.stringValue}`]: 'value' },
      lazy: Lazy.anyValue({ produce: () => ({ produced: name.stringValue }) }),
    });
    const spy = jest.spyOn(Tokenization, 'resolve');
    let json = '';
    try {
      json = JSON.stringify(stack.toTerraform());
      const handed = spy.mock.calls.map(([value]) => value);
      // Plain strings, numbers and the plain object never reach cdktf's resolution; tokens and number-like strings do.
      expect(handed).not.toContain('plain words');
      expect(handed).not.toContain(3);
      expect(handed.some((v) => typeof v === 'object' && v !== null && 'text' in v)).toBe(false);
      expect(handed).toContain('kube-e2e');
      expect(handed).toContain(named);
    } finally {
      spy.mockRestore();
    }
    expect(json).toBe(cdktfJson(stack));
    const locals = (JSON.parse(json) as { locals: { mixed: Record<string, unknown> } }).locals.mixed;
    expect(locals.plain).toEqual({ text: 'plain words', count: 3, on: true, none: null, list: ['a', 'b', [1, { x: 'y' }]] });
    expect(locals.tokens).toMatchObject({ name: 'pre-${var.name}-post', size: '${var.size}' });
    expect(locals.lazy).toEqual({ produced: '${var.name}' });
  });
});
