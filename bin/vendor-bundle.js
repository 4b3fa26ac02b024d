'use strict';
/*
 * The packages `synth` and the cdktf app (`main`) load, in one file built with esbuild. Those commands load about
 * 500 package modules (20 MB of source, half of it comments); finding, reading and parsing them one by one cost a
 * synth 0.2–0.4 s. Only the packages are bundled: the project's own compiled modules load as they are, so editing the
 * code never rebuilds the bundle and stack traces name the project's files. The bundle is rebuilt when a file it was
 * made of changes (esbuild's own list of what it read, with each file's time) or when the code starts requiring a
 * package module it lacks. Every bundled module keeps its own __dirname and __filename. Anything that goes wrong here
 * costs only that time: the command then loads the packages one by one.
 */
const Module = require('node:module');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, isAbsolute, join, relative, resolve } = require('node:path');
const { DIST, ROOT } = require('./compile.js');

/** The commands run with the vendor bundle, and their compiled entries. */
const VENDORED = { synth: join('bin', 'synth.js'), main: 'main.js' };
const VENDOR_DIR = join(DIST, 'vendor');
/** The name esbuild gives the generated entry. */
const ENTRY_NAME = 'generated-vendor-entry.js';

/** Where the bundle is and the record of what it was made of. */
function vendorPaths(dir = VENDOR_DIR) {
  return { bundle: join(dir, 'vendor.js'), record: join(dir, 'vendor.inputs.json') };
}

/**
 * The package modules the vendored commands require: every `require("…")` of a package in the compiled modules they
 * reach from their entries (SWC writes imports, dynamic ones included, as such calls; the code's own are kept).
 */
function packageRequests() {
  const requests = new Set();
  const seen = new Set();
  const pending = Object.values(VENDORED).map((entry) => join(DIST, entry));
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, , request] of readFileSync(file, 'utf8').matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
      if (request.startsWith('.')) pending.push(require.resolve(resolve(dirname(file), request)));
      else if (!Module.isBuiltin(request)) requests.add(request);
    }
  }
  return [...requests].sort();
}

/**
 * Whether the record still describes the files: same project directory (a copied project, such as check:cdktn's,
 * builds its own), and every input there with the time it had when it was bundled.
 */
function isFresh(recordFile) {
  let record;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8'));
  } catch {
    return false;
  }
  if (record.root !== ROOT || typeof record.inputs !== 'object') return false;
  for (const [rel, mtimeMs] of Object.entries(record.inputs)) {
    const st = statSync(join(ROOT, rel), { throwIfNoEntry: false });
    if (!st || st.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

/**
 * An esbuild plugin: every bundled module that mentions __dirname or __filename gets its own, as unbundled.
 * esbuild wraps each CommonJS module in a function, so these declarations stay local to the module. Every module's
 * text read here is handed to esbuild, so no package file is read twice.
 */
const ownPaths = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('__dirname') && !text.includes('__filename')) return { contents: text, loader: 'js' };
      const header = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};`;
      return { contents: `${header}${text}`, loader: 'js' };
    });
  },
};

/**
 * Builds the bundle and its record; both written under temporary names and renamed, the bundle first. The bundle
 * exports, for each package module the code requires, keyed by its file (relative to the project), a function that
 * loads it: modules still run when first required, in the order the code requires them.
 */
async function build(dir) {
  const esbuild = require('esbuild');
  const { bundle, record } = vendorPaths(dir);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const tmp = `${bundle}.${process.pid}.tmp`;
  const lines = packageRequests().map((request) => {
    const file = relative(ROOT, require.resolve(request, { paths: [DIST] }));
    return `  ${JSON.stringify(file)}: () => require(${JSON.stringify(request)}),`;
  });
  const inputs = {};
  let changedMeanwhile = false;
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      stdin: { contents: `module.exports = {\n${lines.join('\n')}\n};\n`, resolveDir: DIST, sourcefile: ENTRY_NAME, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      outfile: tmp,
      metafile: true,
      logLevel: 'silent',
      plugins: [ownPaths],
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      // The generated entry (esbuild names it after `sourcefile`) is no file.
      if (input.endsWith(ENTRY_NAME)) continue;
      const st = statSync(resolve(ROOT, input));
      inputs[relative(ROOT, resolve(ROOT, input))] = st.mtimeMs;
      if (st.mtimeMs > started) changedMeanwhile = true;
    }
    renameSync(tmp, bundle);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  // A file that changed while esbuild read it may be in the bundle half old: no record, so the next run rebuilds.
  if (changedMeanwhile) return;
  writeFileSync(`${record}.${process.pid}.tmp`, JSON.stringify({ root: ROOT, inputs }));
  renameSync(`${record}.${process.pid}.tmp`, record);
}

/**
 * The vendor bundle for `command`, as a promise (esbuild runs plugins only in its asynchronous API), when the command
 * is vendored and $KORE_NO_BUNDLE is not set: the existing one while it is fresh, else one built now — unless `build`
 * is false. Otherwise, or when bundling fails, undefined. `dir` is where the bundle lives (tests use their own).
 */
async function vendorBundle(command, { dir = VENDOR_DIR, build: mayBuild = true } = {}) {
  if (!Object.hasOwn(VENDORED, command) || process.env.KORE_NO_BUNDLE) return undefined;
  const { bundle, record } = vendorPaths(dir);
  try {
    if (existsSync(bundle) && isFresh(record)) return bundle;
    if (!mayBuild) return undefined;
    await build(dir);
    return bundle;
  } catch (e) {
    if (process.env.KORE_DEBUG) process.stderr.write(`run: ${command} loads its packages unbundled: ${e.message}\n`);
    return undefined;
  }
}

/**
 * Serves package modules from the bundle from now on: a require of a package that resolves to a file the bundle
 * holds gets the bundled module, whoever asks (so a package loaded outside the bundle still shares cdktf with the
 * code). A package module the project's code requires and the bundle lacks loads as usual, and the record goes:
 * the next run rebuilds.
 */
function useVendorBundle(bundle) {
  const modules = require(bundle);
  const recordFile = vendorPaths(dirname(bundle)).record;
  const isProjectCode = (parent) => parent.filename !== bundle && !relative(ROOT, parent.filename ?? '').startsWith('node_modules');
  const load = Module._load;
  Module._load = function loadVendored(request, parent, isMain) {
    if (parent && !request.startsWith('.') && !isAbsolute(request) && !Module.isBuiltin(request)) {
      const file = relative(ROOT, Module._resolveFilename(request, parent, isMain));
      if (Object.hasOwn(modules, file)) return modules[file]();
      if (isProjectCode(parent)) {
        if (process.env.KORE_DEBUG) process.stderr.write(`run: ${request} is not in the vendor bundle yet (${parent.filename})\n`);
        rmSync(recordFile, { force: true });
      }
    }
    return load.apply(this, arguments);
  };
}

module.exports = { vendorBundle, useVendorBundle, vendorPaths, packageRequests, isFresh, VENDORED, VENDOR_DIR };
