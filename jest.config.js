/**
 * jest runs TypeScript through SWC (no type-check: `npm test` runs `tsc --noEmit` first).
 * Integration tests run real Terraform and an AWS emulator; they take minutes, not seconds.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 60_000,
  // Two cores. `npm test` runs the integration suites in two lanes: each suite starts its own emulator (its own
  // port and state) and its own Terraform processes, and the sandbox runs plans and applies with -parallelism=4 so
  // that an emulator shared with another lane still answers before the AWS SDK's retry timeouts (an earlier
  // side-by-side run without that saw a retried CreateSubnet answered with InvalidSubnet.Conflict). Measured
  // 2026-12-04: 18 min in two lanes against 33 min one at a time, all seven suites green.
  // 2026-12-05: the applies wait mostly on the provider's own waiters (an RDS instance ~80 s, Route53 changes
  // 5–20 s), so `npm test` runs the integration suites in four lanes (package.json): 16 min 38 s for the eight suites,
  // all 30 tests green, with CPU-bound synth runs of 96 entries beside them (load average 8 on 2 cores). Later the
  // same day, nine suites (rollout split in two): five lanes took 995 s for 1,830 CPU-seconds, four 1,012 s for
  // 1,678: bound by CPU, so four lanes stay (docs/testing.md).
  // 2026-12-06: `npm test` is one jest run of every file in four lanes (the integration suites first, then the unit
  // files, which fill the later suites' waits): 949 s for static check, unit and integration, against ~1,040 s one
  // after the other; five lanes took 1,007 s. `jest` alone (and `npm run test:unit`) keeps two workers.
  // Later that day: the unit files run in the fourth lane before its first suite, so that suite's CPU-heavy start
  // falls into the other three suites' first long waits (longest-first.js): jest 796 s against 920 s; five lanes with the
  // unit files first were slower again (every suite 90–120 s longer).
  maxWorkers: 2,
  // The integration suites longest first (by their measured times), so that a long one never starts last, alone; the
  // unit files after the first three.
  testSequencer: '<rootDir>/__tests__/support/longest-first.js',
  // One scratch directory per run: the default fleet is synthesized there once and copied per test (default-fleet.ts),
  // and TMPDIR points into it, so the teardown removes every temporary file of the run.
  globalSetup: '<rootDir>/__tests__/support/default-fleet-setup.js',
  // No stack trace per cdktf token in any test file, as in the commands (token-traces-setup.ts).
  setupFiles: ['<rootDir>/__tests__/support/token-traces-setup.ts'],
  globalTeardown: '<rootDir>/__tests__/support/default-fleet-teardown.js',
};
