import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultFleetOut } from '../support/default-fleet';
import { fileTree } from '../support/file-tree';

/** bin/bundle.js, the plain-JavaScript helper of bin/run.js. */
interface BundleModule {
  bundledEntry(command: string, dir?: string): Promise<string | undefined>;
  isFresh(recordFile: string): boolean;
  BUNDLE_DIR: string;
}
const loadBundle = (): BundleModule => require('../../bin/bundle.js') as BundleModule;
const ROOT = resolve(__dirname, '..', '..');
const scratch = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** `node bin/run.js synth` with the files of every module it loaded (the preload writes them at exit). */
function synthLoading(env: Record<string, string> = {}) {
  const dir = scratch('kore-bundle-run-');
  const list = join(dir, 'modules.txt');
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, ['--require', resolve('__tests__', 'fixtures', 'loaded-modules.js'), join('bin', 'run.js'), 'synth', '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, KORE_REGIONS: '', KORE_TEST_LOADED_MODULES: list, ...env },
  });
  return { code: r.status, stderr: r.stderr, loaded: readFileSync(list, 'utf8').split('\n'), out };
}

const fromPackages = (loaded: string[]) => loaded.filter((f) => /node_modules\/(cdktf|@cdktf\/provider-[a-z]+|zod|yaml)\//.test(f));

describe('npm run synth runs one bundled file (bin/bundle.js)', () => {
  it('loads the bundle instead of the packages, and writes the same bytes as the unbundled command, the local chart included', () => {
    const bundled = synthLoading();
    expect([bundled.code, bundled.stderr]).toEqual([0, '']);
    expect(bundled.loaded).toContain(join(loadBundle().BUNDLE_DIR, 'synth.js'));
    expect(fromPackages(bundled.loaded)).toEqual([]);
    const expected = fileTree(defaultFleetOut());
    // The chart each platform stack copies is read from beside its module: the bundle must find the same files.
    expect(Object.keys(expected).filter((f) => f.endsWith('Chart.yaml')).length).toBeGreaterThan(0);
    expect(fileTree(bundled.out)).toEqual(expected);

    const unbundled = synthLoading({ KORE_NO_BUNDLE: '1' });
    expect([unbundled.code, unbundled.stderr]).toEqual([0, '']);
    expect(unbundled.loaded).not.toContain(join(loadBundle().BUNDLE_DIR, 'synth.js'));
    expect(fromPackages(unbundled.loaded).length).toBeGreaterThan(100);
    expect(fileTree(unbundled.out)).toEqual(expected);
  });
});

describe('a bundle is used only while it is what its inputs would make', () => {
  const record = (content: unknown) => {
    const file = join(scratch('kore-bundle-record-'), 'synth.inputs.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const mtime = statSync(join(ROOT, 'package.json')).mtimeMs;

  it('is fresh when every input has the time it was bundled with, in the same project directory', () => {
    expect(loadBundle().isFresh(record({ root: ROOT, inputs: { 'package.json': mtime } }))).toBe(true);
  });

  it.each([
    ['an input changed since', { root: ROOT, inputs: { 'package.json': mtime - 1 } }],
    ['an input is gone', { root: ROOT, inputs: { 'package.json': mtime, 'dist/no-such-module.js': 1 } }],
    ['the project was copied elsewhere (its bundle holds the other copy’s packages)', { root: '/elsewhere', inputs: { 'package.json': mtime } }],
    ['the record is not JSON', '{"root":'],
  ])('is stale when %s', (_why, content) => {
    expect(loadBundle().isFresh(record(content))).toBe(false);
  });
});

describe('building a bundle', () => {
  it('builds once, reuses it while fresh, and rebuilds when an input changes', async () => {
    const dir = scratch('kore-bundle-build-');
    const { bundledEntry } = loadBundle();
    const file = await bundledEntry('synth', dir);
    expect(file).toBe(join(dir, 'synth.js'));
    const recorded = JSON.parse(readFileSync(join(dir, 'synth.inputs.json'), 'utf8')) as { root: string; inputs: Record<string, number> };
    expect(recorded.root).toBe(ROOT);
    expect(Object.keys(recorded.inputs)).toEqual(expect.arrayContaining([join('dist', 'bin', 'synth.js'), join('node_modules', 'cdktf', 'lib', 'index.js')]));
    const built = statSync(file!).ino;

    expect(await bundledEntry('synth', dir)).toBe(file);
    expect(statSync(file!).ino).toBe(built);

    recorded.inputs[join('dist', 'bin', 'synth.js')] -= 1;
    writeFileSync(join(dir, 'synth.inputs.json'), JSON.stringify(recorded));
    expect(await bundledEntry('synth', dir)).toBe(file);
    expect(statSync(file!).ino).not.toBe(built);
    expect(readdirSync(dir).sort()).toEqual(['synth.inputs.json', 'synth.js']);
  });

  it('falls back to the unbundled command, leaving nothing behind, when esbuild fails', async () => {
    const dir = scratch('kore-bundle-fail-');
    let entry: string | undefined = 'not called';
    await jest.isolateModulesAsync(async () => {
      jest.doMock('esbuild', () => ({ build: () => Promise.reject(new Error('esbuild: no binary for this platform')) }));
      entry = await loadBundle().bundledEntry('synth', dir);
    });
    expect(entry).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not used for a command that is not bundled, nor with $KORE_NO_BUNDLE', async () => {
    const dir = scratch('kore-bundle-none-');
    expect(await loadBundle().bundledEntry('validate', dir)).toBeUndefined();
    process.env.KORE_NO_BUNDLE = '1';
    try {
      expect(await loadBundle().bundledEntry('synth', dir)).toBeUndefined();
    } finally {
      delete process.env.KORE_NO_BUNDLE;
    }
    expect(existsSync(join(dir, 'synth.js'))).toBe(false);
  });
});
