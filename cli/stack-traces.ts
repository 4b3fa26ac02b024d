/**
 * cdktf records where every token was created: a full stack trace, formatted at once, for each of thousands of
 * tokens — the single largest cost of a synth after loading code. Those traces only decorate errors about tokens
 * that cannot be resolved. Commands switch them off (formatting nothing for the plain objects cdktf captures into)
 * and keep real errors' traces; KORE_DEBUG=1 keeps everything.
 */
export function skipTokenStackTraces(): void {
  if (process.env.KORE_DEBUG) return;
  // Capturing is the cost (a full-depth stack per token), not only formatting: cdktf calls this module's export at
  // every token's creation, so replacing the export skips it. A private module: without it, the hook below remains.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };
    traces.captureStackTrace = () => [];
  } catch {
    // another cdktf layout (a fork): formatting is still skipped
  }
  const original = Error.prepareStackTrace?.bind(Error);
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    if (!(error instanceof Error)) return '';
    if (original) return original(error, frames);
    // A V8 CallSite's own toString formats `fn (file:line:col)`, as Node's default trace does.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return `${Error.prototype.toString.call(error)}${frames.map((f) => `\n    at ${f.toString()}`).join('')}`;
  };
}
