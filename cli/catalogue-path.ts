/** The environment variable `cdktf synth` uses to pick a catalogue file (cdktf passes no arguments to the app). */
export const REGIONS_ENV = 'KORE_REGIONS';

/** The catalogue file named by `--regions FILE`, else by $KORE_REGIONS; none: the default catalogue. */
export function cataloguePath(file?: string): string | undefined {
  return file ?? (process.env[REGIONS_ENV] || undefined);
}
