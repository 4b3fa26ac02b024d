import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file below a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

/*
 * Dependencies point one way: bin → cli → stacks → regions → lib. The library knows nothing of the catalogue: its
 * constructs take plain props, so other teams can use them without our region catalogue.
 */
describe('dependency direction', () => {
  it.each([
    ['lib', /(^|\/)(regions|stacks|cli|bin)(\/|$)/],
    ['regions', /(^|\/)(stacks|cli|bin)(\/|$)/],
    ['stacks', /(^|\/)(cli|bin)(\/|$)/],
    ['cli', /(^|\/)bin(\/|$)/],
  ])('%s imports nothing above it', (dir, above) => {
    const offending = sources(dir).flatMap((f) => importsOf(f).filter((i) => i.startsWith('.') && above.test(i)).map((i) => `${f}: ${i}`));
    expect(offending).toEqual([]);
  });

  it('never imports a provider package by its root (seconds and a gigabyte per process)', () => {
    const roots = ['lib', 'stacks', 'regions', 'cli', 'bin'].flatMap(sources).flatMap((f) =>
      importsOf(f).filter((i) => /^@cdktf\/provider-[a-z]+$/.test(i)).map((i) => `${f}: ${i}`),
    );
    expect(roots).toEqual([]);
  });
});
