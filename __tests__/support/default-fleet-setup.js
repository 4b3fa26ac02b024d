// jest globalSetup: one scratch directory per jest run (default-fleet.ts keeps the default fleet's synth there), and
// the run's temporary files inside it. The test files make hundreds of temporary directories (every `new App()`
// without an outdir, every sandbox and fixture copy), and not every one is removed: pointing TMPDIR (os.tmpdir() in
// the workers, started after this, and in every process they spawn) into the scratch directory lets the teardown
// remove all of them at once. 135 such directories were left in the OS temp directory by one run before.
const { mkdirSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ensureCompiled } = require('../../bin/compile.js');
const { vendorBundle } = require('../../bin/vendor-bundle.js');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kore-test-run-'));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  process.env.KORE_TEST_RUN_DIR = dir;
  process.env.TMPDIR = tmp;
  globalThis.__KORE_TEST_RUN_DIR__ = dir;
  // The vendor bundle, built once here as the first `npm run synth` would build it: otherwise every test file that
  // spawns synth early in a fresh clone builds its own at the same time (a few CPU-seconds each).
  ensureCompiled();
  await vendorBundle('synth');
};
