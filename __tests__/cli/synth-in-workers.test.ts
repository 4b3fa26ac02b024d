import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { generatedCatalogue } from '../../bench/generated-catalogue';
import { sandboxCatalogue } from '../../cli/sandbox/sandbox-catalogue';
import { defaultSynthWorkers, workerOptions } from '../../cli/synth-worker-start';
import { addCatalogueStacks } from '../../stacks/app';
import { stackShares, synthInWorkers } from '../../cli/synth-in-workers';
import { synthCatalogue } from '../../cli/synth';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { defaultFleetOut } from '../support/default-fleet';
import { fileTree } from '../support/file-tree';
import { runCommand, spawnCommand } from '../support/run-command';

const tree = fileTree;

const scratches: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kore-workers-'));
  scratches.push(dir);
  return dir;
};
afterAll(() => scratches.forEach((d) => rmSync(d, { recursive: true, force: true })));
// Both clouds, the Artifactory primary and replicas on each cloud, both state back-ends: enough to cross every share
// boundary. Nine entries of the generated 30 (0–15 AWS, 16–29 Azure; 0 the primary, 5, 10, 20, 25 replicas): the
// whole 30 cost this file seven synths of 63 stacks, a third of the unit suite's time, and crossed no more boundaries.
const generated = generatedCatalogue(30);
const fleetInput = { ...generated, regions: generated.regions.filter((_, i) => [0, 1, 5, 10, 16, 17, 20, 25, 29].includes(i)) };
const fleet = parseCatalogue(fleetInput, 'generated-9');
let oneApp: Record<string, string> | undefined;
/** The fleet synthesized in one app (once: both comparisons use it). */
const serial = () => (oneApp ??= tree(synthCatalogue({ catalogue: fleet, outdir: join(scratch(), 'out') }).outdir));

describe('one app', () => {
  // synthesizeStacks skips cdktf's preparing pass for every stack but global: the bytes must stay App.synth's.
  // What ours is: the default fleet from the run's one synth of it (default-fleet.ts, npm run synth's output), the
  // generated fleet from this file's one synth, the sandbox synthesized here.
  it.each([
    ['the default catalogue', () => defaultCatalogue(), () => tree(defaultFleetOut())],
    ['a sandbox catalogue', () => parseCatalogue(sandboxCatalogue({ endpoint: 'http://127.0.0.1:1' }), 'sandbox'), undefined],
    ['a generated fleet of both clouds', () => fleet, serial],
  ])('writes for %s exactly what cdktf’s App.synth writes', (_name, catalogue, synthesized) => {
    const c = catalogue();
    const reference = join(scratch(), 'out');
    const app = new App({ outdir: reference });
    addCatalogueStacks(app, c);
    app.synth();
    const ours = synthesized ? synthesized() : tree(synthCatalogue({ catalogue: c, outdir: join(scratch(), 'out'), guardrails: false }).outdir);
    expect(ours).toEqual(tree(reference));
  });
});

describe('the cdktf app (`cdktf synth` runs `node bin/run.js main`)', () => {
  it('writes into $CDKTF_OUTDIR exactly what npm run synth writes', () => {
    const outdir = join(scratch(), 'cdktf.out');
    const r = spawnCommand('main', [], { CDKTF_OUTDIR: outdir });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(tree(outdir)).toEqual(tree(defaultFleetOut()));
  });
});

describe('stack shares', () => {
  it('are used by default only for a large fleet on a machine with 3 or more cores', () => {
    expect([defaultSynthWorkers(96, 2), defaultSynthWorkers(96, 3), defaultSynthWorkers(96, 8), defaultSynthWorkers(23, 8), defaultSynthWorkers(24, 4)]).toEqual([1, 3, 4, 1, 4]);
  });

  it('deal every entry to exactly one share; share 0 alone writes bootstrap and global, and takes fewer entries', () => {
    for (const workers of [2, 3, 4]) {
      const shares = stackShares(fleet, workers);
      expect(shares).toHaveLength(workers);
      expect(shares.flatMap((s) => s.entries).sort()).toEqual(fleet.regions.map((e) => e.id).sort());
      expect(shares.map((s) => s.shared)).toEqual([true, ...Array(workers - 1).fill(false)]);
      for (const other of shares.slice(1)) expect(shares[0].entries.length).toBeLessThan(other.entries.length);
    }
  });

  it('start their threads with the preload the entry names, after the parent\'s own preloads and without its V8 flags', () => {
    expect(workerOptions(['--max-semi-space-size=8'], undefined)).toBeUndefined();
    expect(workerOptions(['--max-semi-space-size=8', '-r', 'a.js', '--require=b.js', '--require', 'c.js'], '/p/vendor-thread.js')).toEqual({
      execArgv: ['--require', 'a.js', '--require=b.js', '--require', 'c.js', '--require', '/p/vendor-thread.js'],
    });
    expect(workerOptions(['--require'], '/p/t.js')).toEqual({ execArgv: ['--require', '/p/t.js'] });
  });

  it('has one share for one worker, and never more shares than entries', () => {
    expect(stackShares(fleet, 1)).toEqual([{ entries: fleet.regions.map((e) => e.id), shared: true }]);
    const small = defaultCatalogue();
    expect(stackShares(small, 16)).toHaveLength(small.regions.length);
  });
});

describe('synth in shares', () => {
  it('writes the same bytes as one app: every stack, the manifest, the assets', async () => {
    const expected = serial();
    const out = join(scratch(), 'out');
    const result = await synthInWorkers({ catalogue: fleet, outdir: out, workers: 3 });
    expect(result.stacks).toHaveLength(2 + fleet.regions.length * 2 + 1);
    const got = tree(out);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const file of Object.keys(expected)) expect([file, got[file]]).toEqual([file, expected[file]]);
    // The cross-stack outputs global reads exist in the infrastructure stacks written by the other shares too.
    const last = stackShares(fleet, 3)[2].entries[0];
    const infra = fleet.regions.find((e) => e.id === last)!;
    const stack = Object.keys(got).find((f) => f.startsWith('stacks/') && f.endsWith('cdk.tf.json') && got[f].includes(`"${infra.dns.zone}"`) && !f.includes('-platform'))!;
    expect(Object.keys(JSON.parse(got[stack]).output).filter((o) => o.startsWith('cross-stack-output-')).length).toBeGreaterThan(0);
  });

  it('in worker threads, as `npm run synth -- --workers 2` runs it: the same bytes as one app', () => {
    const dir = scratch();
    const file = join(dir, 'fleet.json');
    writeFileSync(file, JSON.stringify(fleetInput));
    const r = spawnCommand('synth', ['--regions', file, '--out', join(dir, 'out'), '--workers', '2']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`^synthesized ${2 + fleet.regions.length * 2 + 1} stacks into `));
    expect(tree(join(dir, 'out'))).toEqual(serial());
  });

  it('refuses a worker count out of range in one line, and writes nothing', async () => {
    const out = join(scratch(), 'out');
    const r = await runCommand('synth', ['--out', out, '--workers', '0']);
    expect([r.code, r.stderr.trim()]).toEqual([1, 'synth: --workers must be a whole number from 1 to 16 (got "0")']);
    expect(existsSync(out)).toBe(false);
  });

  it('publishes nothing when a share fails the guardrails: the previous output stays', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    await synthInWorkers({ catalogue: fleet, outdir: out, workers: 2 });
    const before = tree(out);
    const strict = { ...fleet, guardrails: { ...fleet.guardrails, suppressions: [] } };
    await expect(synthInWorkers({ catalogue: strict, outdir: out, workers: 2 })).rejects.toThrow(/guardrail error/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['out']);
    // The same in one app.
    expect(() => synthCatalogue({ catalogue: strict, outdir: out })).toThrow(/guardrail error/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
