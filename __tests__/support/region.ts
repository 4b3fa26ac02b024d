import { Testing } from 'cdktf';
import { defaultCatalogue } from '../../regions/catalogue';
import type { Catalogue } from '../../regions/schema';
import { PlatformStack } from '../../stacks/platform-stack';
import { RegionInfraStack } from '../../stacks/region-infra-stack';

/** The two layers of one region, synthesized: `infra` (cloud resources) and `platform` (in-cluster). */
export function synthLayers(id: string, catalogue: Catalogue = defaultCatalogue()): { infra: any; platform: any } {
  const entry = catalogue.regions.find((r) => r.id === id);
  if (!entry) throw new Error(`no entry ${id}`);
  const app = Testing.app();
  const infra = new RegionInfraStack(app, { entry, catalogue });
  const platform = new PlatformStack(app, { entry, catalogue });
  return { infra: JSON.parse(Testing.synth(infra)), platform: JSON.parse(Testing.synth(platform)) };
}

/** Both layers' resources and data sources in one object (for assertions that span the layers). */
export function synthRegion(id: string, catalogue: Catalogue = defaultCatalogue()): any {
  const { infra, platform } = synthLayers(id, catalogue);
  const merge = (key: string) => {
    const out: Record<string, any> = {};
    for (const json of [infra, platform]) for (const [type, items] of Object.entries(json[key] ?? {})) out[type] = { ...out[type], ...(items as object) };
    return out;
  };
  return { ...infra, resource: merge('resource'), data: merge('data'), provider: { ...infra.provider, ...platform.provider } };
}
