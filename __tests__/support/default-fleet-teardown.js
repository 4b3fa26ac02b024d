// jest globalTeardown: removes the scratch directory default-fleet-setup.js made, with every temporary file of the run.
const { rmSync } = require('node:fs');

module.exports = async () => {
  if (globalThis.__KORE_TEST_RUN_DIR__) rmSync(globalThis.__KORE_TEST_RUN_DIR__, { recursive: true, force: true });
};
