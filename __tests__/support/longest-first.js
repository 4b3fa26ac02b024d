'use strict';
/*
 * jest's test order for `npm test`: the integration suites longest first. Without a cache (a fresh clone in CI)
 * jest starts the largest files first, and a long suite in a small file then starts last and runs alone while the
 * other lanes idle. The seconds are what each suite took in four lanes (docs/testing.md); a suite missing here
 * fails a test (__tests__/cli/longest-first.test.ts), so a new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { basename } = require('node:path');

/** Seconds per integration suite, measured in four lanes on the 2-core machine (2026-12-05). */
const MEASURED_SECONDS = {
  'rollout-lifecycle': 500,
  rollout: 460,
  'drift-check': 500,
  'adopt-unmanaged': 440,
  foundation: 360,
  'vm-services': 360,
  'plan-report': 280,
  'default-catalogue-plan': 190,
  'catalogue-validate': 115,
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
