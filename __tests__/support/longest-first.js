'use strict';
/*
 * jest's test order for `npm test`: the integration suites longest first. Without a cache (a fresh clone in CI)
 * jest starts the largest files first, and a long suite in a small file then starts last and runs alone while the
 * other lanes idle. The seconds are what each suite took side by side (docs/testing.md); a suite missing here
 * fails a test (__tests__/cli/longest-first.test.ts), so a new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { basename } = require('node:path');

/** Seconds per integration suite, measured side by side on the 2-core machine (five lanes, 2026-12-05). */
const MEASURED_SECONDS = {
  'adopt-unmanaged': 916,
  'rollout-lifecycle': 884,
  rollout: 777,
  'drift-check': 629,
  foundation: 430,
  'vm-services': 421,
  'plan-report': 331,
  'default-catalogue-plan': 215,
  'catalogue-validate': 141,
};

const measured = (test) => MEASURED_SECONDS[basename(test.path, '.test.ts')];

class LongestFirst extends Sequencer {
  sort(tests) {
    if (!tests.some((t) => measured(t) !== undefined)) return super.sort(tests);
    return [...tests].sort((a, b) => (measured(b) ?? 0) - (measured(a) ?? 0) || a.path.localeCompare(b.path));
  }
}

module.exports = LongestFirst;
module.exports.MEASURED_SECONDS = MEASURED_SECONDS;
