import { artifactoryUrlOf, RegionReplication } from '../lib/artifactory/replication-plan';
import type { Catalogue } from './schema';

/**
 * The replication a region takes part in, from the catalogue topology: a push rule is configured on its source,
 * a pull rule on each target. The same topology in git is the topology that runs.
 */
export function replicationFor(catalogue: Catalogue, regionId: string): RegionReplication {
  const primary = catalogue.regions.find((r) => r.artifactory?.role === 'primary')?.id;
  // Validated: rules name entries, and one entry is the primary.
  const zoneOf = (id: string) => catalogue.regions.find((r) => r.id === id)?.dns.zone ?? id;
  const push: RegionReplication['push'] = [];
  const pull: RegionReplication['pull'] = [];
  for (const [rule, spec] of Object.entries(catalogue.replication.rules)) {
    const from = spec.from ?? primary ?? '';
    // Validation requires a schedule on every rule.
    const common = { rule, repositories: [...spec.repositories], cron: spec.schedule ?? '', eventBased: spec.eventBased };
    if (spec.mode === 'push' && from === regionId) {
      push.push({ ...common, targets: spec.to.map((t) => ({ region: t, url: artifactoryUrlOf(zoneOf(t)) })) });
    }
    if (spec.mode === 'pull' && spec.to.includes(regionId)) {
      pull.push({ ...common, source: { region: from, url: artifactoryUrlOf(zoneOf(from)) } });
    }
  }
  return { region: regionId, push, pull };
}

