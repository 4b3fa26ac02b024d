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
  // Two cores: running every file at once starves the Terraform processes of the integration tests.
  maxWorkers: 2,
};
