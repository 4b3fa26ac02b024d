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
