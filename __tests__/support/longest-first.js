'use strict';
/*
 * jest's test order for `npm test`, one jest run of every file: the integration suites longest first, then the unit
 * files, their long ones first. Without a cache (a fresh clone in CI) jest starts the largest files first, and a long
 * suite in a small file then starts last and runs alone while the other lanes idle. The unit files come last because
 * the later integration suites spend much of their time waiting (state locks, the provider's waiters, health-gate
 * rounds): the unit files' CPU fills those waits instead of running before them. The seconds are what each suite
 * took side by side (docs/testing.md); a suite missing here fails a test (__tests__/cli/longest-first.test.ts), so a
 * new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Seconds per integration suite in the whole `npm test` run on the 2-core machine (2026-12-06). */
const MEASURED_SECONDS = {
  'rollout-lifecycle': 648,
  rollout: 606,
  'adopt-unmanaged': 537,
  'drift-check': 497,
  foundation: 328,
  'vm-services': 275,
  'plan-report': 223,
  'default-catalogue-plan': 177,
  'catalogue-validate': 47,
};

/**
 * The unit files that take 8 s or more (two workers, 2026-12-06, cdktf's per-token stack traces off in every test
 * file), by their path under __tests__: started first, so that none of them starts last in one lane while the other
 * idles; the rest follow in jest's own order.
 */
const UNIT_SECONDS = {
  'workflows/workflows': 12,
  'cli/synth-in-workers': 11,
  'docs/api-reference': 9,
  'library/public-entry': 8,
};

/** A test file's path under __tests__, without `.test.ts`: `integration/rollout`, `rollout/rollout`. */
const keyOf = (test) => test.path.split(/[\\/]__tests__[\\/]/).pop().replace(/\.test\.ts$/, '').replace(/\\/g, '/');
// By the whole path under __tests__: the unit file rollout/rollout is not the integration suite rollout.
const measured = (test) => (keyOf(test).startsWith('integration/') ? MEASURED_SECONDS[keyOf(test).slice('integration/'.length)] : undefined);
const unitMeasured = (test) => UNIT_SECONDS[keyOf(test)];

class LongestFirst extends Sequencer {
  sort(tests) {
    const integration = tests.filter((t) => keyOf(t).startsWith('integration/'));
    const unit = tests.filter((t) => !keyOf(t).startsWith('integration/'));
    const first = [...integration].sort((a, b) => (measured(b) ?? 0) - (measured(a) ?? 0) || a.path.localeCompare(b.path));
    return [...first, ...(unit.length > 0 ? this.sortUnit(unit) : [])];
  }

  /** jest's order: failed first, then by the durations it cached from earlier runs, else by file size. Only
   * without any cached duration (a fresh clone, CI) do the measured long files go first. */
  sortUnit(tests) {
    const ordered = super.sort(tests);
    if (ordered.some((t) => t.duration != null)) return ordered;
    const long = ordered.filter((t) => unitMeasured(t) !== undefined).sort((a, b) => unitMeasured(b) - unitMeasured(a) || a.path.localeCompare(b.path));
    return [...long, ...ordered.filter((t) => unitMeasured(t) === undefined)];
  }
}

module.exports = LongestFirst;
module.exports.MEASURED_SECONDS = MEASURED_SECONDS;
module.exports.UNIT_SECONDS = UNIT_SECONDS;
