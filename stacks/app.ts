import { App } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { BootstrapStack } from './bootstrap-stack';
import { GlobalStack } from './global-stack';
import { RegionStack } from './region-stack';

/** Adds every stack of a catalogue to an app: bootstrap, global, and one per region entry. */
export function addCatalogueStacks(app: App, catalogue: Catalogue): void {
  new BootstrapStack(app, { catalogue });
  new GlobalStack(app, { catalogue });
  for (const entry of catalogue.regions) new RegionStack(app, { entry, catalogue });
}
