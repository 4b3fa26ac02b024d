import { defaultCatalogue } from '../regions/catalogue';
import { loadCatalogueFile } from '../regions/load';
import type { Catalogue } from '../regions/schema';
import { cataloguePath } from './catalogue-path';

export { REGIONS_ENV } from './catalogue-path';

/** The catalogue named by `--regions FILE`, else by $KORE_REGIONS, else the default one. */
export function resolveCatalogue(file?: string): Catalogue {
  const path = cataloguePath(file);
  return path ? loadCatalogueFile(path) : defaultCatalogue();
}
