'use strict';
/*
 * Compiles the TypeScript sources the commands run into dist/ (CommonJS, no source maps), only the files that
 * changed since the last run: users run compiled JavaScript without a build step of their own, and an unchanged
 * tree costs one walk of file times. Type-checking is `npm test`'s job (tsc --noEmit); this only strips types,
 * with the same SWC settings the tests use.
 */
const { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const SOURCES = ['main.ts', 'bin', 'cli', 'lib', 'stacks', 'regions', 'bench'];
/** Files the compiled code reads next to itself (`__dirname`): copied as they are. */
const ASSETS = /\.(py|yaml|yml|tpl|txt|json)$|\/charts\//;

function* walk(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of readdirSync(path)) yield* walk(join(path, name));
  } else {
    yield { path, mtimeMs: st.mtimeMs };
  }
}

/**
 * Removes what dist/ holds for sources that are gone: a deleted or renamed module must not stay loadable (a stale
 * dist/bin/<old>.js would still run as a command). Returns how many files it removed.
 */
function removeStale() {
  let removed = 0;
  for (const root of SOURCES) {
    for (const { path } of walk(join(DIST, root))) {
      const rel = relative(DIST, path);
      if (rel.endsWith('.tmp')) continue;
      const source = rel.endsWith('.js') ? [join(ROOT, rel.replace(/\.js$/, '.ts')), join(ROOT, rel)] : [join(ROOT, rel)];
      if (source.some((f) => existsSync(f))) continue;
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Brings dist/ up to date; returns how many files it wrote. */
function ensureCompiled() {
  let swc;
  let written = 0;
  removeStale();
  for (const root of SOURCES) {
    for (const { path, mtimeMs } of walk(join(ROOT, root))) {
      const rel = relative(ROOT, path);
      const isTs = rel.endsWith('.ts') && !rel.endsWith('.d.ts');
      if (!isTs && !ASSETS.test(rel)) continue;
      const out = join(DIST, isTs ? rel.replace(/\.ts$/, '.js') : rel);
      const done = statSync(out, { throwIfNoEntry: false });
      if (done && done.mtimeMs >= mtimeMs) continue;
      mkdirSync(dirname(out), { recursive: true });
      // Written under a temporary name and renamed: a command started at the same moment (tests run in parallel)
      // never loads a half-written file.
      const tmp = `${out}.${process.pid}.tmp`;
      if (!isTs) {
        copyFileSync(path, tmp);
      } else {
        swc = swc || require('@swc/core');
        const { code } = swc.transformFileSync(path, {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: false,
          swcrc: false,
        });
        writeFileSync(tmp, code);
      }
      renameSync(tmp, out);
      written++;
    }
  }
  return written;
}

module.exports = { ensureCompiled, removeStale, DIST, ROOT };

if (require.main === module) {
  const n = ensureCompiled();
  process.stdout.write(`compiled ${n} file(s) into ${relative(process.cwd(), DIST) || DIST}\n`);
  if (!existsSync(join(DIST, 'bin'))) process.exit(1);
}
