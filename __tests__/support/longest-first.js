'use strict';
/*
 * jest's test order for `npm test`: the integration suites longest first. Without a cache (a fresh clone in CI)
 * jest starts the largest files first, and a long suite in a small file then starts last and runs alone while the
 * other lanes idle. The seconds are what each suite took side by side (docs/testing.md); a suite missing here
 * fails a test (__tests__/cli/longest-first.test.ts), so a new one is measured before it is ordered.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { basename } = require('node:path');

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

const measured = (test) => MEASURED_SECONDS[basename(test.path, '.test.ts')];

class LongestFirst extends Sequencer {
  sort(tests) {
    if (!tests.some((t) => measured(t) !== undefined)) return super.sort(tests);
    return [...tests].sort((a, b) => (measured(b) ?? 0) - (measured(a) ?? 0) || a.path.localeCompare(b.path));
  }
}

module.exports = LongestFirst;
module.exports.MEASURED_SECONDS = MEASURED_SECONDS;
