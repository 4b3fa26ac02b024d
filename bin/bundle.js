'use strict';
/*
 * One file per command the team waits on, built from the compiled dist/ and node_modules with esbuild: `synth`
 * loads about 700 modules (20 MB of source, half of it comments), and finding, reading and parsing them one by one
 * costs a 96-entry synth about 0.3 s. The bundle is rebuilt whenever anything it was made of changes (esbuild's
 * own list of what it read, with each file's time), and every module in it keeps its own __dirname and
 * __filename, so what reads files beside itself (the local chart) reads the same files. Anything that goes wrong
 * here costs only that time: the command then runs unbundled.
 */
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { DIST, ROOT } = require('./compile.js');

/** The commands run bundled, and their compiled entries: synth, and the app `cdktf synth` runs. */
const BUNDLED = { synth: join('bin', 'synth.js'), main: 'main.js' };
const BUNDLE_DIR = join(DIST, 'bundle');

/** Where `command`'s bundle is and the record of what it was made of. */
function bundlePaths(command, dir = BUNDLE_DIR) {
  return { bundle: join(dir, `${command}.js`), record: join(dir, `${command}.inputs.json`) };
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
 * esbuild wraps each CommonJS module in a function, so these declarations stay local to the module.
 */
const ownPaths = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('__dirname') && !text.includes('__filename')) return undefined;
      const header = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};`;
      return { contents: `${header}${text}`, loader: 'js' };
    });
  },
};

/** Builds `command`'s bundle and its record; both written under temporary names and renamed, the bundle first. */
async function build(command, dir) {
  const esbuild = require('esbuild');
  const { bundle, record } = bundlePaths(command, dir);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const tmp = `${bundle}.${process.pid}.tmp`;
  const inputs = {};
  let changedMeanwhile = false;
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [join(DIST, BUNDLED[command])],
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
 * The file to run for `command`, as a promise (esbuild runs plugins only in its asynchronous API): its bundle, built
 * or rebuilt first when needed, when the command is bundled and $KORE_NO_BUNDLE is not set; otherwise, or when
 * bundling fails, undefined (run the compiled entry). `dir` is where bundles live (tests use their own).
 */
async function bundledEntry(command, dir = BUNDLE_DIR) {
  if (!Object.hasOwn(BUNDLED, command) || process.env.KORE_NO_BUNDLE) return undefined;
  const { bundle, record } = bundlePaths(command, dir);
  try {
    if (!existsSync(bundle) || !isFresh(record)) await build(command, dir);
    return bundle;
  } catch (e) {
    if (process.env.KORE_DEBUG) process.stderr.write(`run: ${command} runs unbundled: ${e.message}\n`);
    return undefined;
  }
}

module.exports = { bundledEntry, bundlePaths, isFresh, BUNDLED, BUNDLE_DIR };
