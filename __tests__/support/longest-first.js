'use strict';
/*
 * jest's test order for `npm test`: the integration suites longest first. Without a cache (a fresh clone in CI)
 * jest starts the largest files first, and a long suite in a small file then starts last and runs alone while the
 * other lanes idle. The seconds are what each suite took side by side (docs/testing.md); a suite missing here
 * fails a test (__tests__/cli/longest-first.test.ts), so a new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Seconds per integration suite in four lanes on the 2-core machine (`.ci/run`, 2026-12-05); adopt-unmanaged
 * after its scan read the roles in one call (317 s in two lanes, about 1.5× that in four, as the others).
 */
const MEASURED_SECONDS = {
  'rollout-lifecycle': 786,
  rollout: 706,
  'drift-check': 577,
  'adopt-unmanaged': 480,
  foundation: 351,
  'vm-services': 260,
  'plan-report': 227,
  'default-catalogue-plan': 155,
  'catalogue-validate': 84,
};

/**
 * The unit files that take 8 s or more (two workers, 2026-12-05), by their path under __tests__: started first, so
 * that none of them starts last in one lane while the other idles; the rest follow in jest's own order.
 */
const UNIT_SECONDS = {
  'regions/catalogue-synth.property': 27,
  'rollout/lifecycle': 17,
  'cli/synth-in-workers': 15,
  'rollout/rollout': 14,
  'adoption/adoption': 12,
  'stacks/stacks': 12,
  'platform/chart-values': 12,
  'workflows/workflows': 10,
  'library/public-entry': 9,
  'docs/api-reference': 8,
};

/** A test file's path under __tests__, without `.test.ts`: `integration/rollout`, `rollout/rollout`. */
const keyOf = (test) => test.path.split(/[\\/]__tests__[\\/]/).pop().replace(/\.test\.ts$/, '').replace(/\\/g, '/');
// By the whole path under __tests__: the unit file rollout/rollout is not the integration suite rollout.
const measured = (test) => (keyOf(test).startsWith('integration/') ? MEASURED_SECONDS[keyOf(test).slice('integration/'.length)] : undefined);
const unitMeasured = (test) => UNIT_SECONDS[keyOf(test)];

class LongestFirst extends Sequencer {
  sort(tests) {
    if (tests.some((t) => measured(t) !== undefined)) {
      return [...tests].sort((a, b) => (measured(b) ?? 0) - (measured(a) ?? 0) || a.path.localeCompare(b.path));
    }
    // jest's order: failed first, then by the durations it cached from earlier runs, else by file size. Only
    // without any cached duration (a fresh clone, CI) do the measured long files go first.
    const ordered = super.sort(tests);
    if (ordered.some((t) => t.duration != null)) return ordered;
    const long = ordered.filter((t) => unitMeasured(t) !== undefined).sort((a, b) => unitMeasured(b) - unitMeasured(a) || a.path.localeCompare(b.path));
    return [...long, ...ordered.filter((t) => unitMeasured(t) === undefined)];
  }
}

module.exports = LongestFirst;
module.exports.MEASURED_SECONDS = MEASURED_SECONDS;
module.exports.UNIT_SECONDS = UNIT_SECONDS;
