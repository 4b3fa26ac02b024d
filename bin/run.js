#!/usr/bin/env node
'use strict';
/*
 * `node bin/run.js <command> [args…]`: what the npm scripts run. Compiles what changed (bin/compile.js), then runs
 * dist/bin/<command>.js — or dist/<command>.js for the cdktf app (`main`) — in this process: no TypeScript loader
 * and no source-mapped stack traces on the way. The commands the team waits on load their packages from one bundled
 * file (bin/vendor-bundle.js; $KORE_NO_BUNDLE=1 loads them one by one).
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { ensureCompiled, DIST } = require('./compile.js');
const { useVendorBundle, vendorBundle } = require('./vendor-bundle.js');

const [command, ...args] = process.argv.slice(2);
if (!command || !/^[\w:-]+$/.test(command)) {
  process.stderr.write('usage: node bin/run.js <command> [args…]\n');
  process.exit(1);
}
ensureCompiled();
const entry = [join(DIST, 'bin', `${command}.js`), join(DIST, `${command}.js`), join(DIST, command, 'run.js')].find((f) => existsSync(f));
if (!entry) {
  process.stderr.write(`run: no command "${command}" (bin/${command}.ts)\n`);
  process.exit(1);
}
// A CI job synthesizes once on a fresh checkout: building the bundle there would cost more than it saves.
void vendorBundle(command, { build: !process.env.CI }).then((bundle) => {
  if (bundle) {
    useVendorBundle(bundle);
    // Worker threads load modules on their own: synth's workers preload the same bundle (bin/vendor-thread.js).
    process.env.KORE_THREAD_PRELOAD = join(__dirname, 'vendor-thread.js');
  }
  process.argv = [process.argv[0], entry, ...args];
  require(entry);
});
