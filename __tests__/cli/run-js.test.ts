import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node bin/run.js <command>`: exactly what the npm scripts run. */
const run = (args: string[]) => spawnSync(process.execPath, [join('bin', 'run.js'), ...args], { encoding: 'utf8', env: { ...process.env, KORE_REGIONS: '' } });

describe('bin/run.js (what users run)', () => {
  it('compiles and runs a command: validate of the default catalogue exits 0', () => {
    const r = run(['validate']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^valid: 5 regions/);
  });

  it('turns a bad flag into one line and exit 1, no stack trace', () => {
    const r = run(['rollout', 'plan', '--no-such-flag']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rollout: Unknown option '--no-such-flag'/)]);
  });

  it('removes what dist/ holds for a source that is gone, so a deleted command no longer runs', () => {
    const { DIST, ensureCompiled } = require('../../bin/compile.js');
    mkdirSync(join(DIST, 'bin'), { recursive: true });
    const stale = join(DIST, 'bin', 'kore-deleted-command.js');
    writeFileSync(stale, "process.stdout.write('stale code ran');");
    ensureCompiled();
    expect(existsSync(stale)).toBe(false);
    const r = run(['kore-deleted-command']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('run: no command "kore-deleted-command" (bin/kore-deleted-command.ts)\n');
  });
});
