import { automationOf, iamRoleArn } from '../regions/automation';
import type { Catalogue, RegionEntry } from '../regions/schema';
import { platformStackNameOf, stackNameOf } from '../regions/schema';
import { AZURE_BOOTSTRAP_STACK_NAME, BOOTSTRAP_STACK_NAME, GLOBAL_STACK_NAME } from '../regions/stack-names';

/** Which state layer a stack is: cloud resources, in-cluster resources, or the fleet-wide stacks. */
export type StackLayer = 'infrastructure' | 'platform' | 'global' | 'bootstrap';

/** The order of layers inside one wave: a region's infrastructure before its platform. */
const LAYER_ORDER: Record<StackLayer, number> = { bootstrap: 0, infrastructure: 1, platform: 2, global: 3 };

/** The cloud identities a pipeline job logs in as for one stack (per account / subscription, from the catalogue). */
export type StackCredentials =
  | { readonly cloud: 'aws'; readonly account: string; readonly planRoleArn?: string; readonly applyRoleArn?: string }
  | {
      readonly cloud: 'azure';
      readonly subscriptionId: string;
      readonly tenantId: string;
      readonly planClientId?: string;
      readonly applyClientId?: string;
    };

/** One row of the stack listing: what a CI matrix needs to run one stack. */
export interface StackListing {
  readonly stack: string;
  readonly layer: StackLayer;
  readonly cloud: 'aws' | 'azure';
  readonly region: string;
  readonly environment: string;
  /**
   * Rollout wave. The global stack comes after every region (it delegates to their sub-zones); bootstrap is
   * never part of a rollout (-1).
   */
  readonly wave: number;
  /** Stacks that must be applied first (cdktf's stack dependencies). */
  readonly dependsOn: readonly string[];
  /**
   * `runs-on` of the job: hosted runners for cloud APIs, the environment's self-hosted runners (inside the
   * network) for platform stacks, whose clusters have private API servers.
   */
  readonly runsOn: string | readonly string[];
  readonly credentials: StackCredentials;
  /** Flattened for workflow expressions: the role / client id the plan and apply jobs log in as. */
  readonly planIdentity: string;
  readonly applyIdentity: string;
}

const HOSTED_RUNNER = 'ubuntu-latest';

function credentialsOf(catalogue: Catalogue, cloud: 'aws' | 'azure', account: string, environment: string, tenantId?: string): StackCredentials {
  const ids = automationOf(catalogue, environment);
  if (cloud === 'aws') {
    return {
      cloud,
      account,
      planRoleArn: ids?.aws ? iamRoleArn(account, ids.aws.planRole) : undefined,
      applyRoleArn: ids?.aws ? iamRoleArn(account, ids.aws.applyRole) : undefined,
    };
  }
  return { cloud, subscriptionId: account, tenantId: tenantId ?? '', planClientId: ids?.azure?.plan.clientId, applyClientId: ids?.azure?.apply.clientId };
}

function row(catalogue: Catalogue, r: Omit<StackListing, 'credentials' | 'planIdentity' | 'applyIdentity'>, account: string, tenantId?: string): StackListing {
  const credentials = credentialsOf(catalogue, r.cloud, account, r.environment, tenantId);
  const plan = credentials.cloud === 'aws' ? credentials.planRoleArn : credentials.planClientId;
  const apply = credentials.cloud === 'aws' ? credentials.applyRoleArn : credentials.applyClientId;
  return { ...r, credentials, planIdentity: plan ?? '', applyIdentity: apply ?? '' };
}

function regionRows(catalogue: Catalogue, e: RegionEntry): StackListing[] {
  const common = { cloud: e.cloud, region: e.region, environment: e.environment, wave: e.wave };
  const labels = automationOf(catalogue, e.environment)?.runnerLabels;
  // An azurerm state account admits only the self-hosted runners' egress addresses: its infrastructure stack runs
  // there too. S3 state is reached through IAM, from hosted runners.
  const infraRunner = e.state.backend === 'azurerm' && labels ? ['self-hosted', ...labels] : HOSTED_RUNNER;
  const infra = row(catalogue, { stack: stackNameOf(e), layer: 'infrastructure', ...common, dependsOn: [], runsOn: infraRunner }, e.account, e.tenantId);
  if (e.sandbox) return [infra];
  const platform = row(
    catalogue,
    { stack: platformStackNameOf(e), layer: 'platform', ...common, dependsOn: [infra.stack], runsOn: labels ? ['self-hosted', ...labels] : HOSTED_RUNNER },
    e.account,
    e.tenantId,
  );
  return [infra, platform];
}

/**
 * Every stack of a catalogue with its layer, cloud, region, environment, wave, dependencies, runner and
 * credentials, ordered by wave, then layer (a region's infrastructure before its platform), then name. Bootstrap
 * is listed only when asked: it keeps local state and is not run by pipelines.
 */
export function listStacks(catalogue: Catalogue, includeBootstrap = false): StackListing[] {
  const lastWave = Math.max(...catalogue.regions.map((e) => e.wave));
  const { global } = catalogue;
  const rows: StackListing[] = [
    ...catalogue.regions.flatMap((e) => regionRows(catalogue, e)),
    row(
      catalogue,
      {
        stack: GLOBAL_STACK_NAME,
        layer: 'global',
        cloud: 'aws',
        region: global.region,
        environment: 'global',
        wave: lastWave + 1,
        dependsOn: catalogue.regions.map((e) => stackNameOf(e)),
        runsOn: HOSTED_RUNNER,
      },
      global.account,
    ),
  ];
  if (includeBootstrap) {
    rows.push(
      row(
        catalogue,
        { stack: BOOTSTRAP_STACK_NAME, layer: 'bootstrap', cloud: 'aws', region: global.region, environment: 'global', wave: -1, dependsOn: [], runsOn: HOSTED_RUNNER },
        global.account,
      ),
    );
    const azure = catalogue.regions.find((e) => e.state.backend === 'azurerm');
    if (azure) {
      rows.push(
        row(
          catalogue,
          { stack: AZURE_BOOTSTRAP_STACK_NAME, layer: 'bootstrap', cloud: 'azure', region: azure.region, environment: 'global', wave: -1, dependsOn: [], runsOn: HOSTED_RUNNER },
          azure.account,
          azure.tenantId,
        ),
      );
    }
  }
  return rows.sort((a, b) => a.wave - b.wave || LAYER_ORDER[a.layer] - LAYER_ORDER[b.layer] || a.stack.localeCompare(b.stack));
}
