'use strict';
/*
 * jest's test order for `npm test`, one jest run of every file in four lanes: the three longest integration suites,
 * then the unit files (their long ones first), then the other integration suites longest first. Without a cache (a
 * fresh clone in CI) jest starts the largest files first, and a long suite in a small file then starts last and runs
 * alone while the other lanes idle. Every long suite begins with a region apply that mostly waits on the AWS provider's
 * own waiters (an RDS instance 81 s, KMS keys, Route53 changes: about two minutes for little CPU); four such suites
 * started at once left both cores nearly idle from about 160 to 285 s. The fourth lane runs the unit files first
 * (about 100 CPU-seconds), so that its suite's CPU-heavy start falls into the other three's waits, and no unit file
 * is left for the end (2026-12-06, a fresh-clone `.ci/run`: jest 796 s against 920 s). The seconds are what each
 * suite took side by side (docs/testing.md); a suite missing here fails a test (__tests__/cli/longest-first.test.ts),
 * so a new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** The integration suites started before the unit files: one fewer than `npm test`'s lanes (--maxWorkers=4). */
const SUITES_BEFORE_UNIT = 3;

/** Seconds per integration suite in a whole fresh-clone `.ci/run` on the 2-core machine (2026-12-06, in this order). */
const MEASURED_SECONDS = {
  'rollout-lifecycle': 565,
  rollout: 542,
  'adopt-unmanaged': 382,
  'drift-check': 378,
  foundation: 334,
  'vm-services': 247,
  'plan-report': 230,
  'default-catalogue-plan': 155,
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
    const units = unit.length > 0 ? this.sortUnit(unit) : [];
    return [...first.slice(0, SUITES_BEFORE_UNIT), ...units, ...first.slice(SUITES_BEFORE_UNIT)];
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
module.exports.SUITES_BEFORE_UNIT = SUITES_BEFORE_UNIT;
