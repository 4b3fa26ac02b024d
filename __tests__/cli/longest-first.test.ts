import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const LongestFirst = require('../support/longest-first.js');
const jestConfig = require('../../jest.config.js');

const INTEGRATION = join(__dirname, '..', 'integration');
const suites = readdirSync(INTEGRATION).filter((f) => f.endsWith('.test.ts'));
const asTests = (files: string[]) => files.map((f) => ({ path: join(INTEGRATION, f), context: {} }));

describe('the integration suites’ order', () => {
  it('is jest’s sequencer for the whole run', () => {
    expect(jestConfig.testSequencer).toBe('<rootDir>/__tests__/support/longest-first.js');
  });

  it('knows how long every integration suite takes (a new one is measured before it is ordered)', () => {
    expect(Object.keys(LongestFirst.MEASURED_SECONDS).sort()).toEqual(suites.map((f) => f.replace(/\.test\.ts$/, '')).sort());
  });

  it('starts the longest first, whatever the files’ sizes or names', () => {
    const order = new LongestFirst().sort(asTests([...suites].sort())).map((t: { path: string }) => t.path);
    const seconds = order.map((p: string) => LongestFirst.MEASURED_SECONDS[p.split('/').pop()!.replace(/\.test\.ts$/, '')]);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    expect(new LongestFirst().sort(asTests([...suites].reverse())).map((t: { path: string }) => t.path)).toEqual(order);
  });
});

describe('the unit files’ order', () => {
  const root = join(__dirname, '..');
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
  const unit = readdirSync(root).filter((d) => !['integration', 'fixtures', 'support'].includes(d)).flatMap(files);
  /** As jest hands them over in a fresh clone: no cached durations; every file the same size. */
  const fresh = (paths: string[]) => paths.map((p) => ({ path: join(root, p), context: { config: { cache: false, rootDir: root, id: 'unit' }, hasteFS: { getSize: () => 1 } } }));
  const relative = (t: { path: string }) => t.path.slice(root.length + 1).replace(/\.test\.ts$/, '');

  it('names only files that exist', () => {
    const known = new Set(unit.map((f) => f.replace(/\.test\.ts$/, '')));
    expect(Object.keys(LongestFirst.UNIT_SECONDS).filter((f) => !known.has(f))).toEqual([]);
  });

  it('starts the measured long files first, longest first, and keeps every other file', () => {
    const order = new LongestFirst().sort(fresh([...unit].reverse())).map(relative);
    const long = Object.entries(LongestFirst.UNIT_SECONDS as Record<string, number>).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
    expect(order.slice(0, long.length)).toEqual(long);
    expect([...order].sort()).toEqual(unit.map((f) => f.replace(/\.test\.ts$/, '')).sort());
  });

  it('leaves jest’s own order alone once jest has cached durations', () => {
    const sequencer = new LongestFirst();
    sequencer.time = (t: { path: string }) => (t.path.endsWith('cli/run-js.test.ts') ? 99 : 1);
    expect(relative(sequencer.sort(fresh(unit))[0])).toBe('cli/run-js');
  });
});

describe('the whole run’s order (npm test: one jest run of every file)', () => {
  const root = join(__dirname, '..');
  const fresh = (paths: string[]) => paths.map((p) => ({ path: join(root, p), context: { config: { cache: false, rootDir: root, id: 'all' }, hasteFS: { getSize: () => 1 } } }));
  const relative = (t: { path: string }) => t.path.slice(root.length + 1).replace(/\.test\.ts$/, '');

  it('starts the three longest integration suites, then the unit files (long ones first), then the other suites longest first', () => {
    const files = [
      'cli/errors.test.ts',
      'integration/catalogue-validate.test.ts',
      'workflows/workflows.test.ts',
      'integration/rollout-lifecycle.test.ts',
      'rollout/rollout.test.ts',
      'integration/foundation.test.ts',
      'integration/drift-check.test.ts',
      'integration/rollout.test.ts',
    ];
    const order = new LongestFirst().sort(fresh(files)).map(relative);
    expect(order.slice(0, 3)).toEqual(['integration/rollout-lifecycle', 'integration/rollout', 'integration/drift-check']);
    expect(order[3]).toBe('workflows/workflows');
    expect([...order.slice(4, 6)].sort()).toEqual(['cli/errors', 'rollout/rollout']);
    expect(order.slice(6)).toEqual(['integration/foundation', 'integration/catalogue-validate']);
  });

  it('keeps every integration suite first when there are no unit files, and the unit order alone without suites', () => {
    const suites = ['integration/catalogue-validate.test.ts', 'integration/foundation.test.ts', 'integration/rollout.test.ts', 'integration/rollout-lifecycle.test.ts'];
    expect(new LongestFirst().sort(fresh(suites)).map(relative)).toEqual(['integration/rollout-lifecycle', 'integration/rollout', 'integration/foundation', 'integration/catalogue-validate']);
    expect(new LongestFirst().sort(fresh(['cli/errors.test.ts', 'workflows/workflows.test.ts'])).map(relative)).toEqual(['workflows/workflows', 'cli/errors']);
  });
});

describe('npm test', () => {
  const script: string = require('../../package.json').scripts.test;
  /** The script as the shell runs it, with the static check and jest replaced by commands that exit as given. */
  const exitOf = (staticCode: number, jestCode: number) =>
    spawnSync('bash', ['-c', script.replace('npm run -s check:static', `sh -c 'sleep 0.2; exit ${staticCode}'`).replace(/jest [^;]*/, `sh -c 'exit ${jestCode}'`)]).status;

  it('is one jest run of every file (no path filter), in four lanes, beside the static check', () => {
    expect(script).toMatch(/^npm run -s check:static & s=\$!; jest --maxWorkers=4; /);
    // The unit files take the fourth lane after the first three suites (longest-first.js).
    expect(LongestFirst.SUITES_BEFORE_UNIT).toBe(Number(/--maxWorkers=(\d+)/.exec(script)?.[1]) - 1);
    expect(script).not.toMatch(/testPathIgnorePatterns|__tests__/);
  });

  it('fails when either the static check or jest fails, and only passes when both pass', () => {
    expect([exitOf(0, 0), exitOf(1, 0), exitOf(0, 1), exitOf(2, 3)].map((c) => c !== 0)).toEqual([false, true, true, true]);
  });
});

