import { App } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { BootstrapStack } from './bootstrap-stack';
import { GlobalStack } from './global-stack';
import { RegionStack } from './region-stack';

/**
 * Adds every stack of a catalogue to an app: bootstrap, one per region entry, and global, which delegates to the
 * regions' sub-zones (cdktf turns those references into outputs and remote-state reads).
 */
export function addCatalogueStacks(app: App, catalogue: Catalogue): void {
  new BootstrapStack(app, { catalogue });
  const regions = catalogue.regions.map((entry) => new RegionStack(app, { entry, catalogue }));
  new GlobalStack(app, { catalogue, regionZones: Object.fromEntries(regions.map((r) => [r.entry.id, r.dnsZone])) });
}
