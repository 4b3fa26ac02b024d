import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parsedJson, readSourceFile } from '../../lib/private/source-file';
import { loadCatalogueFile } from '../../regions/load';
import { catalogueCopy } from '../support/catalogue';

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'kore-json-')), name);
  writeFileSync(path, text);
  return path;
};

describe('a .json file read by JSON.parse (positions only when a problem needs one)', () => {
  it('gives what the YAML reader gives, for any JSON value, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, space) => {
        const text = JSON.stringify(value, null, space);
        expect(parsedJson(text)).toEqual({ data: parseDocument(text, { merge: false, uniqueKeys: true }).toJS() });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a repeated key', '{"a": 1, "a": 2}'],
    ['a repeated key in a nested object', '{"a": {"b": 1, "c": {"d": 1, "d": 1}}}'],
    ['a repeated key whose string holds quotes and colons', '{"x\\":": "\\": y", "x\\":": 1}'],
    ['not JSON (a trailing comma)', '{"a": 1,}'],
  ])('leaves %s to the YAML reader', (_what, text) => {
    expect(parsedJson(text)).toBeUndefined();
  });

  it('counts keys, not colons in strings: quotes, colons and escapes inside values are no keys', () => {
    expect(parsedJson('{"a": "b\\": c", "d": ["e:", {"f\\\\": "g"}]}')).toEqual({ data: { a: 'b": c', d: ['e:', { 'f\\': 'g' }] } });
  });

  it('still refuses a repeated key with its line and column', () => {
    const dup = file('regions.json', '{\n  "domain": "kore.example.com",\n  "domain": "kore.example.org"\n}\n');
    expect(() => loadCatalogueFile(dup)).toThrow(new RegExp(`${dup}:3:3: not valid JSON: Map keys must be unique`));
  });

  it('points a catalogue problem at its line and column, as the YAML reader does', () => {
    const c = catalogueCopy() as { regions: { network: { cidr: string } }[] };
    c.regions[1].network.cidr = '10.300.0.0/16';
    const path = file('regions.json', JSON.stringify(c, null, 2));
    const yaml = file('regions.yaml', JSON.stringify(c, null, 2));
    const problems = (p: string) => {
      try {
        loadCatalogueFile(p);
      } catch (e) {
        return (e as { problems: string[] }).problems.map((l) => l.replace(p, 'FILE'));
      }
      return [];
    };
    expect(problems(path)).toEqual([expect.stringMatching(/^FILE:\d+:\d+: .*network\.cidr: not an IPv4 network/)]);
    expect(problems(path)).toEqual(problems(yaml));
    expect(readSourceFile(path).locate(['regions', 1, 'network', 'cidr'])).toBe(readSourceFile(yaml).locate(['regions', 1, 'network', 'cidr']));
  });
});
