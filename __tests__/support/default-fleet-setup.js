// jest globalSetup: one scratch directory per jest run (default-fleet.ts keeps the default fleet's synth there).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kore-test-run-'));
  process.env.KORE_TEST_RUN_DIR = dir;
  globalThis.__KORE_TEST_RUN_DIR__ = dir;
};
