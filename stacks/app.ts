import { App } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { BootstrapStack } from './bootstrap-stack';
import { GlobalStack } from './global-stack';
import { PlatformStack } from './platform-stack';
import { RegionInfraStack } from './region-infra-stack';

/**
 * Adds every stack of a catalogue to an app: bootstrap (and bootstrap-azure when a state lives in Azure); per region entry an infrastructure stack and, after it, a
 * platform stack (sandbox entries stop at the cluster: the emulator has no Kubernetes API); and global, which
 * delegates to the regions' sub-zones (cdktf turns those references into outputs, remote-state reads and a
 * dependency on each region's infrastructure stack).
 */
export function addCatalogueStacks(app: App, catalogue: Catalogue): void {
  new BootstrapStack(app, { catalogue, cloud: 'aws' });
  if (catalogue.regions.some((e) => e.state.backend === 'azurerm')) new BootstrapStack(app, { catalogue, cloud: 'azure' });
  const regions = catalogue.regions.map((entry) =>
    namingEntry(entry.id, () => {
      const infra = new RegionInfraStack(app, { entry, catalogue });
      if (!entry.sandbox) new PlatformStack(app, { entry, catalogue }).addDependency(infra);
      return infra;
    }),
  );
  new GlobalStack(app, { catalogue, regionZones: Object.fromEntries(regions.map((r) => [r.entry.id, r.dnsZone])),
    acmePrincipals: Object.fromEntries(regions.map((r) => [r.entry.id, r.acmeChallengePrincipal])),
  });
}

/**
 * Runs `build` for one catalogue entry and prefixes any construct error with the entry's id: validation should catch
 * everything first, but a construct's own check must still say where in the catalogue to look.
 */
function namingEntry<T>(id: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    throw new Error(`${id}: ${(e as Error).message}`);
  }
}
