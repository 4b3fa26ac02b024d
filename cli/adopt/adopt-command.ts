import { resolveCatalogue } from '../catalogue-source';
import { UsageError } from '../errors';
import { synthesizedOutdir } from '../stack-run';
import { listStacks } from '../stacks';
import type { AwsApi } from '../aws/aws-api';
import { stackNameOf } from '../../regions/schema';
import { adoptableResources } from './adoptable';
import { adoptSnippet, discoverAws } from './discover';

export interface AdoptOptions {
  readonly stack?: string;
  readonly regions?: string;
  readonly cdktfOut?: string;
  readonly discover?: boolean;
}

/**
 * `npm run adopt -- --stack NAME [--discover]`: the stack's resources that can take over existing ones (construct
 * path, type, what id Terraform expects), and with `--discover` the matches found in the entry's account and region,
 * as the catalogue snippet that adopts them.
 */
export async function adoptCommand(options: AdoptOptions, deps: { api: AwsApi; out: (t: string) => void; log: (l: string) => void }): Promise<number> {
  const catalogue = resolveCatalogue(options.regions);
  const infra = listStacks(catalogue).filter((s) => s.layer === 'infrastructure').map((s) => s.stack);
  if (!options.stack) throw new UsageError(`--stack: name an infrastructure stack (have: ${infra.join(', ')})`);
  const entry = catalogue.regions.find((e) => stackNameOf(e) === options.stack);
  if (!entry) throw new UsageError(`--stack ${options.stack}: not an infrastructure stack of the catalogue (have: ${infra.join(', ')})`);
  const outdir = synthesizedOutdir(catalogue, options.cdktfOut);
  const resources = adoptableResources(outdir, options.stack);
  if (!options.discover) {
    deps.out(`${'construct path'.padEnd(48)} ${'type'.padEnd(28)} import id\n`);
    for (const r of resources) deps.out(`${r.path.padEnd(48)} ${r.type.padEnd(28)} ${r.idHint}\n`);
    return 0;
  }
  if (entry.cloud !== 'aws') throw new UsageError(`--discover: looks in AWS accounts only; for ${entry.id} (Azure) name the resource ids in adopt yourself`);
  const found = await discoverAws(resources, deps.api, { region: entry.region, endpoint: entry.sandbox?.awsEndpoint });
  deps.log(`adopt: ${found.length} of ${resources.length} adoptable resources of ${options.stack} exist in ${entry.account}/${entry.region}`);
  deps.out(adoptSnippet(entry.id, found));
  return 0;
}
