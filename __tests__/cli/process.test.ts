import { ProcessStartError, runProcess, runProcessSync } from '../../cli/process';

const node = process.execPath;

describe('the one process runner', () => {
  it('decodes output once, from all its bytes: multi-byte characters split across chunks survive', async () => {
    // 3 bytes per character over several 64 KiB chunks: a chunk boundary falls inside a character.
    const r = await runProcess(node, ['-e', "process.stdout.write('€'.repeat(100000)); process.stderr.write('ü'.repeat(50000))"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('€'.repeat(100000));
    expect(r.stdout).not.toContain('\uFFFD');
    expect(r.stderr).toBe('ü'.repeat(50000));
    const s = runProcessSync(node, ['-e', "process.stdout.write('€'.repeat(100000))"]);
    expect(s.stdout).toBe('€'.repeat(100000));
  });

  it('passes the environment over this process\'s, writes stdin, and resolves with a non-zero code', async () => {
    const r = await runProcess(node, ['-e', "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{process.stdout.write(process.env.KORE_X+':'+s);process.exit(3)})"], { env: { KORE_X: 'x' }, input: 'yes\n' });
    expect(r).toMatchObject({ code: 3, stdout: 'x:yes\n', timedOut: false });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('interrupts a process that outlives its timeout, then kills it if it ignores the interrupt', async () => {
    // The timeout must outlast the child's start-up, or the interrupt lands before its handler exists: 300 ms
    // was not enough for a node start on a loaded CI machine.
    const polite = await runProcess(node, ['-e', "process.on('SIGINT',()=>{process.stdout.write('released');process.exit(130)});setTimeout(()=>{},60000)"], { timeoutMs: 3000 });
    expect(polite).toMatchObject({ timedOut: true, code: 130, stdout: 'released' });
    const stubborn = await runProcess(node, ['-e', "process.on('SIGINT',()=>{});setTimeout(()=>{},60000)"], { timeoutMs: 200, killGraceMs: 200 });
    expect(stubborn.timedOut).toBe(true);
    expect(stubborn.code).not.toBe(0);
  });

  it('rejects with one line naming the command when it cannot start; the sync form says 127', async () => {
    await expect(runProcess('kore-no-such-command', [])).rejects.toThrow(ProcessStartError);
    await expect(runProcess('kore-no-such-command', [])).rejects.toThrow(/^kore-no-such-command: spawn kore-no-such-command ENOENT$/);
    expect(runProcessSync('kore-no-such-command', []).code).toBe(127);
  });
});
