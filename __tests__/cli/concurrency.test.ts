import { concurrencyGate, mapLimit } from '../../cli/concurrency';

/** A task that records how many tasks run beside it, and finishes when `release` is called. */
function tracked() {
  let inFlight = 0;
  let most = 0;
  const started: number[] = [];
  const releases: (() => void)[] = [];
  const task = (n: number) => async () => {
    started.push(n);
    most = Math.max(most, ++inFlight);
    await new Promise<void>((r) => releases.push(r));
    inFlight--;
    return n * 10;
  };
  return { task, started, releases, most: () => most };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('concurrencyGate', () => {
  it('runs at most `limit` at once, starts the waiting ones in arrival order, and passes results and errors through', async () => {
    const gate = concurrencyGate(2);
    const t = tracked();
    const results = [1, 2, 3, 4].map((n) => gate(t.task(n)));
    await tick();
    expect(t.started).toEqual([1, 2]);
    t.releases.shift()!();
    await tick();
    await tick();
    expect(t.started).toEqual([1, 2, 3]);
    while (t.started.length < 4 || t.releases.length > 0) {
      t.releases.shift()?.();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40]);
    expect(t.most()).toBe(2);
    // A failing call frees its place.
    await expect(gate(async () => Promise.reject(new Error('AccessDenied')))).rejects.toThrow('AccessDenied');
    await expect(gate(async () => 'next')).resolves.toBe('next');
  });
});

describe('mapLimit', () => {
  it('keeps the input order and the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(['0:30', '1:10', '2:20', '3:5', '4:1']);
    expect(most).toBe(2);
  });
});
