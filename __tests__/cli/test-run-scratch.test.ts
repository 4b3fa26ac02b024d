import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Testing } from 'cdktf';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require('../support/default-fleet-setup.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const teardown = require('../support/default-fleet-teardown.js');
const jestConfig = require('../../jest.config.js');

const inside = (dir: string, parent: string) => !relative(parent, dir).startsWith('..');

describe('the test run’s temporary files', () => {
  it('are made inside the run’s scratch directory, by the test files and by the processes they spawn', () => {
    expect([jestConfig.globalSetup, jestConfig.globalTeardown]).toEqual(['<rootDir>/__tests__/support/default-fleet-setup.js', '<rootDir>/__tests__/support/default-fleet-teardown.js']);
    const runDir = process.env.KORE_TEST_RUN_DIR!;
    expect(runDir).toBeTruthy();
    expect(inside(tmpdir(), runDir)).toBe(true);
    // What most unit files leave behind: cdktf's Testing app makes its outdir in os.tmpdir() and never removes it.
    expect(inside(Testing.app().outdir, runDir)).toBe(true);
    const child = spawnSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], { encoding: 'utf8' });
    expect(inside(child.stdout.trim(), runDir)).toBe(true);
  });

  it('go with the scratch directory when the run ends', async () => {
    // jest gives each test file its own copy of process.env: what setup sets here stays in this file.
    const saved = { dir: process.env.KORE_TEST_RUN_DIR, tmp: process.env.TMPDIR, global: (globalThis as any).__KORE_TEST_RUN_DIR__ };
    let runDir = '';
    try {
      await setup();
      runDir = process.env.KORE_TEST_RUN_DIR!;
      expect([runDir === saved.dir, inside(process.env.TMPDIR!, runDir), existsSync(process.env.TMPDIR!)]).toEqual([false, true, true]);
      const left = mkdtempSync(join(process.env.TMPDIR!, 'left-behind-'));
      await teardown();
      expect([existsSync(left), existsSync(runDir)]).toEqual([false, false]);
    } finally {
      process.env.KORE_TEST_RUN_DIR = saved.dir;
      process.env.TMPDIR = saved.tmp;
      (globalThis as any).__KORE_TEST_RUN_DIR__ = saved.global;
      if (runDir) rmSync(runDir, { recursive: true, force: true });
    }
  });
});
