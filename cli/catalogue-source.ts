import { defaultCatalogue } from '../regions/catalogue';
import { loadCatalogueFile } from '../regions/load';
import type { Catalogue } from '../regions/schema';

/** The environment variable `cdktf synth` uses to pick a catalogue file (cdktf passes no arguments to the app). */
export const REGIONS_ENV = 'KORE_REGIONS';

/** The catalogue named by `--regions FILE`, else by $KORE_REGIONS, else the default one. */
export function resolveCatalogue(file?: string): Catalogue {
  const path = file ?? process.env[REGIONS_ENV];
  return path ? loadCatalogueFile(path) : defaultCatalogue();
}
