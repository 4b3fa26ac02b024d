import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCdktn, discardScratch } from '../../cli/cdktn/check-cdktn';

/** Two temporary directories with content, as check:cdktn leaves them (its copy, the cdktf synth's output). */
function scratchDirs(): string[] {
  return ['kore-test-copy-', 'kore-test-out-'].map((prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(dir, 'node_modules', 'cdktf'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'cdktf', 'package.json'), '{}');
    return dir;
  });
}

describe('check:cdktn cleans up after itself', () => {
  it('removes its copy and its output once every step passed, and says nothing', () => {
    const dirs = scratchDirs();
    const log = jest.fn();
    discardScratch(dirs, true, log);
    expect(dirs.map((d) => existsSync(d))).toEqual([false, false]);
    expect(log).not.toHaveBeenCalled();
  });

  it('keeps them after a failure and names them in one line', () => {
    const dirs = scratchDirs();
    const log = jest.fn();
    discardScratch(dirs, false, log);
    expect(dirs.map((d) => existsSync(d))).toEqual([true, true]);
    expect(log.mock.calls).toEqual([[`check:cdktn: kept for inspection: ${dirs.join(', ')}`]]);
  });

  it('has nothing to say when it made no directory', () => {
    const log = jest.fn();
    discardScratch([], false, log);
    expect(log).not.toHaveBeenCalled();
  });

  it('keeps its copy when a step throws, and names it (a project without package.json)', () => {
    const root = mkdtempSync(join(tmpdir(), 'kore-test-root-'));
    writeFileSync(join(root, 'README.md'), 'no package.json here\n');
    const log = jest.fn();
    expect(() => checkCdktn(root, log, { unitTests: false })).toThrow(/package\.json/);
    const kept = /^check:cdktn: kept for inspection: (.+)$/.exec(String(log.mock.calls.at(-1)?.[0]));
    expect(kept?.[1]).toMatch(/kore-cdktn-/);
    expect(existsSync(join(kept?.[1] ?? '', 'README.md'))).toBe(true);
  });
});
