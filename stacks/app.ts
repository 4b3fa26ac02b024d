import { App, TerraformStack } from 'cdktf';
import type { Catalogue } from '../regions/schema';
import { BootstrapStack } from './bootstrap-stack';
import { GlobalStack } from './global-stack';
import { PlatformStack } from './platform-stack';
import { RegionInfraStack } from './region-infra-stack';

/**
 * Part of a catalogue's stacks, for synthesizing a large fleet in several workers (each with its own app): the
 * entries whose stacks this app writes, and whether it also writes the shared stacks (bootstrap and global).
 */
export interface StackShare {
  /** Ids of the entries whose infrastructure and platform stacks this app writes. */
  readonly entries: readonly string[];
  /** Whether this app writes bootstrap and global; global delegates to every entry, so every infrastructure stack is built. */
  readonly shared: boolean;
}

/** What addCatalogueStacks built: the stacks to write, and those whose references must be resolved before. */
export interface CatalogueStacks {
  /** The stacks this app writes (all of them without a share). */
  readonly written: TerraformStack[];
  /**
   * The stacks that read other stacks' values (global reads the regions' zones and principals): resolving them adds
   * the outputs their references need to the stacks they read, so they are prepared before anything is written,
   * written or not.
   */
  readonly referencing: TerraformStack[];
}

/**
 * Adds every stack of a catalogue to an app: bootstrap (and bootstrap-azure when a state lives in Azure); per region entry an infrastructure stack and, after it, a
 * platform stack (sandbox entries stop at the cluster: the emulator has no Kubernetes API); and global, which
 * delegates to the regions' sub-zones (cdktf turns those references into outputs, remote-state reads and a
 * dependency on each region's infrastructure stack).
 *
 * With a share, only part is built: the share's entries, and a global that reads only them (so that their
 * infrastructure stacks get the very outputs the whole global adds) — unless the share writes global, which then
 * needs every entry's infrastructure stack. Every stack comes out the same as in the whole app.
 */
export function addCatalogueStacks(app: App, catalogue: Catalogue, share?: StackShare): CatalogueStacks {
  const mine = share ? new Set(share.entries) : undefined;
  const shared = !share || share.shared;
  const written: TerraformStack[] = [];
  if (shared) written.push(new BootstrapStack(app, { catalogue, cloud: 'aws' }));
  if (shared && catalogue.regions.some((e) => e.state.backend === 'azurerm')) written.push(new BootstrapStack(app, { catalogue, cloud: 'azure' }));
  const regions = catalogue.regions
    .filter((entry) => shared || mine?.has(entry.id))
    .map((entry) =>
      namingEntry(entry.id, () => {
        const writes = !mine || mine.has(entry.id);
        const infra = new RegionInfraStack(app, { entry, catalogue });
        if (writes) written.push(infra);
        if (writes && !entry.sandbox) {
          const platform = new PlatformStack(app, { entry, catalogue });
          platform.addDependency(infra);
          written.push(platform);
        }
        return infra;
      }),
    );
  const global = new GlobalStack(app, { catalogue, regionZones: Object.fromEntries(regions.map((r) => [r.entry.id, r.dnsZone])),
    acmePrincipals: Object.fromEntries(regions.map((r) => [r.entry.id, r.acmeChallengePrincipal])),
  });
  if (shared) written.push(global);
  return { written, referencing: [global] };
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
