import { Lazy } from 'cdktf';

type Traced = { creationStack: string[] };

describe('cdktf token stack traces', () => {
  const debug = process.env.KORE_DEBUG;
  afterEach(() => {
    if (debug === undefined) delete process.env.KORE_DEBUG;
    else process.env.KORE_DEBUG = debug;
  });

  it('are off in every test file, as in the commands (jest setupFiles), while errors keep theirs', () => {
    expect((Lazy.anyValue({ produce: () => 1 }) as unknown as Traced).creationStack).toEqual([]);
    expect(new Error('real').stack).toMatch(/\n\s+at /);
  });

  it('are skipped at capture by skipTokenStackTraces, and left alone with KORE_DEBUG=1', () => {
    const captureAfterSkip = (debugValue: string | undefined) => {
      if (debugValue === undefined) delete process.env.KORE_DEBUG;
      else process.env.KORE_DEBUG = debugValue;
      let replaced = false;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
        const original = traces.captureStackTrace;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('../../cli/stack-traces') as typeof import('../../cli/stack-traces')).skipTokenStackTraces();
        replaced = traces.captureStackTrace !== original && traces.captureStackTrace().length === 0;
      });
      return replaced;
    };
    expect(captureAfterSkip(undefined)).toBe(true);
    expect(captureAfterSkip('1')).toBe(false);
  });
});
