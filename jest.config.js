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
  // Two cores. `npm test` runs the integration suites one at a time (--runInBand): each starts its own emulator and
  // Terraform processes, and side by side they slow the emulator enough for the AWS SDK to retry requests it had
  // already carried out (seen: a retried CreateSubnet answered with InvalidSubnet.Conflict).
  maxWorkers: 2,
};
