import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultFleetOut } from '../support/default-fleet';
import { fileTree } from '../support/file-tree';

/** bin/vendor-bundle.js, the plain-JavaScript helper of bin/run.js. */
interface VendorModule {
  vendorBundle(command: string, options?: { dir?: string; build?: boolean }): Promise<string | undefined>;
  packageRequests(): string[];
  isFresh(recordFile: string): boolean;
  VENDOR_DIR: string;
}
const loadVendor = (): VendorModule => require('../../bin/vendor-bundle.js') as VendorModule;
const ROOT = resolve(__dirname, '..', '..');
const scratch = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** `node bin/run.js synth` with the files of every module it loaded (the preload writes them at exit). */
function synthLoading(env: Record<string, string> = {}, args: string[] = []) {
  const dir = scratch('kore-vendor-run-');
  const list = join(dir, 'modules.txt');
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, ['--require', resolve('__tests__', 'fixtures', 'loaded-modules.js'), join('bin', 'run.js'), 'synth', '--out', out, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KORE_REGIONS: '', KORE_TEST_LOADED_MODULES: list, ...env },
  });
  // What each worker thread loaded (the preload writes a list per thread).
  const threads = readdirSync(dir)
    .filter((f) => f.startsWith('modules.txt.thread-'))
    .map((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
  return { code: r.status, stderr: r.stderr, loaded: readFileSync(list, 'utf8').split('\n'), threads, out };
}

const fromPackages = (loaded: string[]) => loaded.filter((f) => f.includes(`${ROOT}/node_modules/`) && !f.includes('/node_modules/esbuild/'));
const vendorFile = () => join(loadVendor().VENDOR_DIR, 'vendor.js');

describe('npm run synth loads its packages from one bundled file (bin/vendor-bundle.js)', () => {
  it('loads no package module one by one, its own modules as they are, and writes the same bytes as without the bundle', () => {
    const vendored = synthLoading();
    expect([vendored.code, vendored.stderr]).toEqual([0, '']);
    expect(vendored.loaded).toContain(vendorFile());
    expect(fromPackages(vendored.loaded)).toEqual([]);
    expect(vendored.loaded).toContain(join(ROOT, 'dist', 'stacks', 'platform-stack.js'));
    const expected = fileTree(defaultFleetOut());
    // The chart each platform stack copies is read from beside its module: the bundled packages must not move it.
    expect(Object.keys(expected).filter((f) => f.endsWith('Chart.yaml')).length).toBeGreaterThan(0);
    expect(fileTree(vendored.out)).toEqual(expected);

    const unbundled = synthLoading({ KORE_NO_BUNDLE: '1' });
    expect([unbundled.code, unbundled.stderr]).toEqual([0, '']);
    expect(unbundled.loaded).not.toContain(vendorFile());
    expect(fromPackages(unbundled.loaded).length).toBeGreaterThan(100);
    expect(fileTree(unbundled.out)).toEqual(expected);
  });

  it('serves the packages of synth\'s worker threads from the same bundle, which write the same bytes', () => {
    const vendored = synthLoading({}, ['--workers', '2']);
    expect([vendored.code, vendored.stderr]).toEqual([0, '']);
    expect(vendored.threads).toHaveLength(1);
    const [thread] = vendored.threads;
    expect(thread).toContain(vendorFile());
    expect(fromPackages(thread)).toEqual([]);
    // The thread built its share: it loaded the stacks' modules itself.
    expect(thread).toContain(join(ROOT, 'dist', 'stacks', 'platform-stack.js'));
    expect(fileTree(vendored.out)).toEqual(fileTree(defaultFleetOut()));

    const unbundled = synthLoading({ KORE_NO_BUNDLE: '1' }, ['--workers', '2']);
    expect([unbundled.code, unbundled.threads.length]).toEqual([0, 1]);
    expect(fromPackages(unbundled.threads[0]).length).toBeGreaterThan(100);
  });

  it('bundles every package module the commands require, the ones required by name in the code included', () => {
    const requests = loadVendor().packageRequests();
    expect(requests).toEqual(expect.arrayContaining(['cdktf', 'constructs', 'yaml', 'zod', '@cdktf/provider-aws/lib/eks-cluster', '@cdktf/provider-azurerm/lib/kubernetes-cluster', '@cdktf/provider-helm/lib/release']));
    // cli/stack-traces.ts requires cdktf's stack-trace module by name, in a call of its own.
    expect(requests).toContain('cdktf/lib/tokens/private/stack-trace');
    expect(requests.filter((r) => r.startsWith('.') || r.startsWith('node:'))).toEqual([]);
  });
});

describe('a vendor bundle is used only while it is what its inputs would make', () => {
  const record = (content: unknown) => {
    const file = join(scratch('kore-vendor-record-'), 'vendor.inputs.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const mtime = statSync(join(ROOT, 'package.json')).mtimeMs;

  it('is fresh when every input has the time it was bundled with, in the same project directory', () => {
    expect(loadVendor().isFresh(record({ root: ROOT, inputs: { 'package.json': mtime } }))).toBe(true);
  });

  it.each([
    ['an input changed since', { root: ROOT, inputs: { 'package.json': mtime - 1 } }],
    ['an input is gone', { root: ROOT, inputs: { 'package.json': mtime, 'node_modules/no-such-package/index.js': 1 } }],
    ['the project was copied elsewhere (its bundle holds the other copy’s packages)', { root: '/elsewhere', inputs: { 'package.json': mtime } }],
    ['the record is not JSON', '{"root":'],
  ])('is stale when %s', (_why, content) => {
    expect(loadVendor().isFresh(record(content))).toBe(false);
  });
});

describe('building the vendor bundle', () => {
  it('builds once, reuses it while fresh, and rebuilds when an input changes', async () => {
    const dir = scratch('kore-vendor-build-');
    const { vendorBundle } = loadVendor();
    const file = await vendorBundle('synth', { dir });
    expect(file).toBe(join(dir, 'vendor.js'));
    const recorded = JSON.parse(readFileSync(join(dir, 'vendor.inputs.json'), 'utf8')) as { root: string; inputs: Record<string, number> };
    expect(recorded.root).toBe(ROOT);
    const cdktfIndex = join('node_modules', 'cdktf', 'lib', 'index.js');
    expect(Object.keys(recorded.inputs)).toContain(cdktfIndex);
    // Only packages: the project's code is not in it, so editing it never rebuilds the bundle.
    expect(Object.keys(recorded.inputs).filter((f) => !f.startsWith('node_modules'))).toEqual([]);
    const built = statSync(file!).ino;

    expect(await vendorBundle('main', { dir, build: false })).toBe(file);
    expect(statSync(file!).ino).toBe(built);

    recorded.inputs[cdktfIndex] -= 1;
    writeFileSync(join(dir, 'vendor.inputs.json'), JSON.stringify(recorded));
    // Stale: not used where it may not be built (a CI job), rebuilt where it may.
    expect(await vendorBundle('synth', { dir, build: false })).toBeUndefined();
    expect(await vendorBundle('synth', { dir })).toBe(file);
    expect(statSync(file!).ino).not.toBe(built);
    expect(readdirSync(dir).sort()).toEqual(['vendor.inputs.json', 'vendor.js']);
  });

  it('falls back to loading the packages one by one, leaving nothing behind, when esbuild fails', async () => {
    const dir = scratch('kore-vendor-fail-');
    let bundle: string | undefined = 'not called';
    await jest.isolateModulesAsync(async () => {
      jest.doMock('esbuild', () => ({ build: () => Promise.reject(new Error('esbuild: no binary for this platform')) }));
      bundle = await loadVendor().vendorBundle('synth', { dir });
    });
    expect(bundle).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not used for a command that is not vendored, nor with $KORE_NO_BUNDLE', async () => {
    const dir = scratch('kore-vendor-none-');
    expect(await loadVendor().vendorBundle('validate', { dir })).toBeUndefined();
    process.env.KORE_NO_BUNDLE = '1';
    try {
      expect(await loadVendor().vendorBundle('synth', { dir })).toBeUndefined();
    } finally {
      delete process.env.KORE_NO_BUNDLE;
    }
    expect(existsSync(join(dir, 'vendor.js'))).toBe(false);
  });
});

describe('serving packages from the bundle', () => {
  it('gives a package loaded outside the bundle the bundled cdktf, and has the bundle rebuilt that lacked it', () => {
    const dir = scratch('kore-vendor-serve-');
    // provider-aws's `ssm-parameter` is not used by the code: it loads from node_modules, and its `require("cdktf")`
    // must get the bundle's cdktf, or its resources would not be constructs of the code's cdktf. Code outside the
    // packages asked for it, so the bundle lacks what the code uses: its record goes, and the next run rebuilds it.
    const script =
      "const cdktf = require('cdktf'); const { SsmParameter } = require('@cdktf/provider-aws/lib/ssm-parameter'); " +
      "const stack = new cdktf.TerraformStack(new cdktf.App(), 's'); const p = new SsmParameter(stack, 'p', { name: 'n', type: 'String', value: 'v' }); " +
      "process.stdout.write(String(p instanceof cdktf.TerraformResource) + ' ' + String(require.cache[require.resolve('cdktf')] === undefined));";
    const vendor = JSON.stringify(join(ROOT, 'bin', 'vendor-bundle.js'));
    const r = spawnSync(process.execPath, ['-e', `const v = require(${vendor}); v.vendorBundle('synth', { dir: ${JSON.stringify(dir)} }).then((b) => { v.useVendorBundle(b); ${script} });`], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, KORE_NO_BUNDLE: '' },
    });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'true true', '']);
    expect(readdirSync(dir)).toEqual(['vendor.js']);
  });
});
