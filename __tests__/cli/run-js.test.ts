import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

  describe('loads cdktf and the provider bindings only when the command synthesizes', () => {
    /** The packages among the modules a command loaded: cdktf's index and each provider binding. */
    const heavyModules = (args: string[], env: Record<string, string> = {}) => {
      const list = join(mkdtempSync(join(tmpdir(), 'kore-loaded-')), 'modules.txt');
      const r = spawnSync(process.execPath, ['--require', resolve('__tests__', 'fixtures', 'loaded-modules.js'), join('bin', 'run.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, KORE_REGIONS: '', KORE_TEST_LOADED_MODULES: list, ...env },
      });
      const loaded = readFileSync(list, 'utf8').split('\n');
      const heavy = new Set(loaded.map((f) => /node_modules\/(cdktf\/lib\/index\.js|@cdktf\/provider-[a-z]+)/.exec(f)?.[1]).filter(Boolean));
      return { code: r.status, heavy: [...heavy].sort(), count: loaded.length };
    };

    it.each(['validate', 'stacks', 'plan-report --help', 'drift-check --help', 'rollout plan --help', 'adopt --help'])(
      '"%s": neither (they check and read; the catalogue’s cloud names are derived without the constructs)',
      (line) => {
        expect(heavyModules(line.split(' '))).toEqual({ code: 0, heavy: [], count: expect.any(Number) });
      },
    );

    it('synth: both (the control: the preload sees them when they load; unbundled, since the bundle holds them)', () => {
      const r = heavyModules(['synth', '--out', join(mkdtempSync(join(tmpdir(), 'kore-loaded-out-')), 'out')], { KORE_NO_BUNDLE: '1' });
      expect(r.code).toBe(0);
      expect(r.heavy).toEqual(expect.arrayContaining(['cdktf/lib/index.js', '@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-helm', '@cdktf/provider-kubernetes']));
    });
  });
});
