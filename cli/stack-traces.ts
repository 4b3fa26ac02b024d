/**
 * cdktf records where every token was created: a full stack trace, formatted at once, for each of thousands of
 * tokens — the single largest cost of a synth after loading code. Those traces only decorate errors about tokens
 * that cannot be resolved. Commands switch them off (formatting nothing for the plain objects cdktf captures into)
 * and keep real errors' traces; KORE_DEBUG=1 keeps everything.
 */
export function skipTokenStackTraces(): void {
  if (process.env.KORE_DEBUG) return;
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (original) return original(error, frames);
    return `${Error.prototype.toString.call(error)}${frames.map((f) => `\n    at ${f.toString()}`).join('')}`;
  };
}
