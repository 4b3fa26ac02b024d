'use strict';
/*
 * Preloaded (`--require`) into the worker threads of a command that runs with the vendor bundle (bin/run.js names
 * this file in $KORE_THREAD_PRELOAD, cli/synth-worker-start.ts passes it on): module loading is per thread, so without
 * it every synth worker would load the packages one by one again. The bundle is the one the main thread checked
 * fresh a moment before; should it be gone, the thread loads its packages unbundled, as the main thread would.
 */
const { existsSync } = require('node:fs');
const { useVendorBundle, vendorPaths } = require('./vendor-bundle.js');

const { bundle } = vendorPaths();
if (existsSync(bundle)) useVendorBundle(bundle);
