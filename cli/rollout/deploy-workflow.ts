import { stringify } from 'yaml';
import { automationOf, DECOMMISSION_ENVIRONMENT, deployEnvironmentOf, iamRoleArn, MAIN_READ_ENVIRONMENT, ROLLBACK_ENVIRONMENT } from '../../regions/automation';
import type { Catalogue } from '../../regions/schema';
import { listStacks, StackListing } from '../stacks';
import { annotatePins, PINNED_ACTIONS, TERRAFORM_VERSION } from './pinned-actions';
import { RolloutPlan, rolloutPlan, RolloutWave } from './waves';
import { APPLY_TIMEOUT_MINUTES, armEnv, extraGateAccounts, gateAzureLogins, globalReadRole, loginSteps } from './workflow-logins';

/** Job id of one wave and layer: `wave2_infrastructure`; also the plan job's output with its matrix. */
export function waveJobId(wave: number, layer: string): string {
  return `wave${wave}_${layer}`;
}

/**
 * Per wave and layer, the listing rows of the changed stacks (the matrices of the deploy workflow), keyed by job id.
 * Every wave and layer of the catalogue has a key, empty when nothing changed there.
 */
export function deployMatrices(catalogue: Catalogue, plan: RolloutPlan): Record<string, StackListing[]> {
  const rows = new Map(listStacks(catalogue).map((r) => [r.stack, r]));
  const out: Record<string, StackListing[]> = {};
  for (const w of plan.waves) {
    for (const layer of [...new Set(w.stacks.map((s) => s.layer))]) {
      out[waveJobId(w.wave, layer)] = w.stacks.filter((s) => s.layer === layer && s.changed).map((s) => {
        const row = rows.get(s.stack);
        if (!row) throw new Error(`${s.stack}: in the rollout plan but not among the catalogue's stacks`);
        return row;
      });
    }
  }
  return out;
}

/** A retired stack as a decommission job's matrix row: where it runs and whom it logs in as. */
export interface DecommissionRow {
  readonly stack: string;
  readonly cloud: 'aws' | 'azure';
  readonly region: string;
  readonly runsOn: string | readonly string[];
  readonly applyIdentity: string;
  readonly credentials: { readonly tenantId: string; readonly subscriptionId: string };
}

/** The matrices of the two decommission jobs (platform stacks, then infrastructure stacks). */
export function decommissionMatrices(catalogue: Catalogue, plan: RolloutPlan): Record<'decommission_platform' | 'decommission_infrastructure', DecommissionRow[]> {
  const row = (r: RolloutPlan['retired'][number]): DecommissionRow => {
    const ids = automationOf(catalogue, r.environment);
    const labels = ids?.runnerLabels;
    // Platform stacks reach private API servers, azurerm state admits the runners' egress only: both in-network.
    const inNetwork = (r.layer === 'platform' || r.cloud === 'azure') && labels;
    return {
      stack: r.stack,
      cloud: r.cloud,
      region: r.region,
      runsOn: inNetwork ? ['self-hosted', ...labels] : 'ubuntu-latest',
      applyIdentity: r.cloud === 'aws' ? (ids?.aws ? iamRoleArn(r.account, ids.aws.applyRole) : '') : (ids?.azure?.apply.clientId ?? ''),
      credentials: { tenantId: r.tenantId ?? '', subscriptionId: r.cloud === 'azure' ? r.account : '' },
    };
  };
  return {
    decommission_platform: plan.retired.filter((r) => r.layer === 'platform').map(row),
    decommission_infrastructure: plan.retired.filter((r) => r.layer === 'infrastructure').map(row),
  };
}

/** Where a wave's rollback runs: its platform stack's runners (private API server), else its infrastructure's. */
export function rollbackRunsOn(catalogue: Catalogue, wave: RolloutWave): string | readonly string[] {
  const rows = listStacks(catalogue).filter((r) => wave.stacks.some((s) => s.stack === r.stack));
  return (rows.find((r) => r.layer === 'platform') ?? rows[0]).runsOn;
}

/** Synthesizes another commit of the repository into `<out>` beside this one's (fetch-depth 0 checkout). */
function synthesizeCommit(commitVar: string, out: string): string {
  return [
    `test -n "$${commitVar}" || { echo "::error::no last deployed commit is known; act by hand"; exit 1; }`,
    `git worktree add "../${out}" "$${commitVar}"`,
    `(cd "../${out}" && npm ci --ignore-scripts --no-audit --no-fund && npm run synth -- --out "$GITHUB_WORKSPACE/${out}.out")`,
  ].join('\n');
}

/**
 * Check-out and install for jobs that hold cloud credentials: no token left in `.git/config`, no dependency cache
 * (a poisoned cache would run in a job that deploys), no install scripts.
 */
const SETUP = [
  { uses: PINNED_ACTIONS.checkout.uses, with: { 'persist-credentials': false } },
  { uses: PINNED_ACTIONS.setupNode.uses, with: { 'node-version': 22, 'package-manager-cache': false } },
  { run: 'npm ci --ignore-scripts --no-audit --no-fund' },
];
/** The same with the whole history: jobs that synthesize the last deployed commit beside this one. */
const HISTORY_SETUP = [{ ...SETUP[0], with: { ...SETUP[0].with, 'fetch-depth': 0 } }, ...SETUP.slice(1)];

const ON_MAIN = "github.ref == 'refs/heads/main'";

/**
 * `.github/workflows/deploy.yml`, generated from the catalogue (its waves are data). On every push to main (no path
 * filter: any input of synth can change a stack, and a stack whose Terraform did not change is not applied) and on
 * a manual run from main only: one job per wave and layer in rollout order, each needing every earlier one, in the
 * GitHub environment of its stage, applying the stacks whose synthesized Terraform differs from what was last
 * applied to them (deploy records, written after each good apply: a run cancelled while queued or stopped half-way
 * leaves its stacks changed for the next run). After a changed canary: a health gate, a bake job whose environment
 * carries the wait timer, and the gate again. Permissions per job, actions pinned by commit, matrix values reach
 * shell only through `env`.
 */
export function deployWorkflow(catalogue: Catalogue): string {
  const plan = rolloutPlan(catalogue);
  const mainOnly = (cond: string) => `\${{ ${ON_MAIN} && ${cond} }}`;
  const jobs: Record<string, unknown> = {
    // The fast path needs an explicit approval of its own before anything is planned.
    fast_path_approval: {
      if: mainOnly('inputs.fast-path'),
      'runs-on': 'ubuntu-latest',
      'timeout-minutes': 5,
      permissions: {},
      environment: 'fast-path',
      steps: [{ run: 'echo "fast path approved by $GITHUB_TRIGGERING_ACTOR"' }],
    },
    plan: {
      needs: ['fast_path_approval'],
      if: mainOnly("!cancelled() && !contains(needs.*.result, 'failure')"),
      'runs-on': 'ubuntu-latest',
      'timeout-minutes': 30,
      permissions: { contents: 'read', deployments: 'read' },
      outputs: Object.fromEntries<string>([
        ...[...Object.keys(deployMatrices(catalogue, plan)), 'decommission_platform', 'decommission_infrastructure', ...plan.waves.filter((w) => w.canary).flatMap((w) => [`wave${w.wave}_changed`, `wave${w.wave}_last_deployed`, `wave${w.wave}_runs_on`])].map((id): [string, string] => [id, `\${{ steps.plan.outputs.${id} }}`]),
        ['retired_commit', '${{ steps.retired.outputs.commit }}'],
      ]),
      steps: [
        ...HISTORY_SETUP,
        { run: 'npm run synth -- --out cdktf.out' },
        {
          id: 'retired',
          name: 'stacks deployed and gone from the catalogue',
          env: { GITHUB_TOKEN: '${{ github.token }}' },
          run: 'echo "commit=$(npm run --silent rollout -- plan --cdktf-out cdktf.out --records github --retired-commit)" >> "$GITHUB_OUTPUT"',
        },
        { name: 'their last deployed configuration', if: "steps.retired.outputs.commit != ''", env: { RETIRED: '${{ steps.retired.outputs.commit }}' }, run: synthesizeCommit('RETIRED', 'retired') },
        {
          id: 'plan',
          name: 'changed stacks against their deploy records',
          env: { GITHUB_TOKEN: '${{ github.token }}', RETIRED: '${{ steps.retired.outputs.commit }}' },
          run: [
            'last=(); if [ -n "$RETIRED" ]; then last=(--last-deployed-out retired.out); fi',
            'npm run --silent rollout -- plan --cdktf-out cdktf.out --records github "${last[@]}" --github-outputs >> "$GITHUB_OUTPUT"',
            'npm run --silent rollout -- plan --cdktf-out cdktf.out --records github "${last[@]}" >> "$GITHUB_STEP_SUMMARY"',
          ].join('\n'),
        },
      ],
    },
  };
  const earlier: string[] = ['plan'];
  const runIf = (id: string) => `\${{ !cancelled() && !contains(needs.*.result, 'failure') && needs.plan.result == 'success' && needs.plan.outputs.${id} != '[]' }}`;
  const gateRole = globalReadRole(catalogue);
  for (const w of plan.waves) {
    const layers = [...new Set(w.stacks.map((s) => s.layer))];
    const env = deployEnvironmentOf(w.environments[0]);
    const thisWave: string[] = [];
    for (const layer of layers) {
      const id = waveJobId(w.wave, layer);
      jobs[id] = {
        name: `wave ${w.wave}${w.canary ? ' (canary)' : ''} ${layer}: \${{ matrix.stack }}`,
        needs: [...earlier, ...thisWave],
        if: runIf(id),
        'runs-on': '${{ matrix.runsOn }}',
        environment: env,
        'timeout-minutes': APPLY_TIMEOUT_MINUTES,
        permissions: { contents: 'read', 'id-token': 'write', deployments: 'write' },
        concurrency: { group: 'tfstate-${{ matrix.stack }}', 'cancel-in-progress': false },
        // One stack failing must not cancel its siblings' applies half-way (stale locks, partial state).
        strategy: { 'fail-fast': false, matrix: { include: `\${{ fromJSON(needs.plan.outputs.${id}) }}` } },
        steps: [
          ...SETUP,
          { uses: PINNED_ACTIONS.setupTerraform.uses, with: { terraform_version: TERRAFORM_VERSION, terraform_wrapper: false } },
          ...loginSteps('${{ matrix.applyIdentity }}', '${{ matrix.region }}', '${{ matrix.credentials.tenantId }}', '${{ matrix.credentials.subscriptionId }}', "matrix.cloud == 'aws'", "matrix.cloud == 'azure'"),
          { run: 'npm run synth -- --out cdktf.out' },
          {
            name: 'plan and apply (saved plan, this commit)',
            env: {
              STACK: '${{ matrix.stack }}',
              GITHUB_TOKEN: '${{ github.token }}',
              ...armEnv('${{ matrix.applyIdentity }}', '${{ matrix.credentials.tenantId }}', '${{ matrix.credentials.subscriptionId }}'),
            },
            run: `npm run rollout -- apply --wave ${w.wave} --stacks "$STACK" --cdktf-out cdktf.out --records github --report-dir reports`,
          },
          { uses: PINNED_ACTIONS.uploadArtifact.uses, if: '${{ !cancelled() }}', with: { name: `rollout-\${{ matrix.stack }}`, path: 'reports/', 'retention-days': 30 } },
          // Self-hosted runners keep their workspace: nothing of the synthesized stacks or providers stays behind.
          { name: 'clean the workspace', if: 'always()', run: 'rm -rf cdktf.out reports' },
        ],
      };
      thisWave.push(id);
    }
    earlier.push(...thisWave);
    if (w.canary) {
      // Only after a change reached the canary: a gate over an unchanged canary would hold the deploy for nothing.
      const canaryChanged = `\${{ !cancelled() && !contains(needs.*.result, 'failure') && needs.plan.result == 'success' && needs.plan.outputs.wave${w.wave}_changed == 'true' }}`;
      const otherAccounts = extraGateAccounts(catalogue, w, catalogue.global.account);
      const azureReads = gateAzureLogins(catalogue, w);
      const gate = (id: string, bake: string) => {
        jobs[id] = {
          needs: [...earlier],
          if: canaryChanged,
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 60,
          environment: MAIN_READ_ENVIRONMENT,
          permissions: { contents: 'read', 'id-token': 'write' },
          steps: [
            ...SETUP,
            ...otherAccounts.map((a) => a.step),
            ...azureReads,
            // Route53 health checks are read with the global account's read-only identity.
            ...(gateRole ? [{ name: 'AWS credentials (OIDC, read-only, for Route53 health checks)', uses: PINNED_ACTIONS.awsCredentials.uses, with: { 'role-to-assume': gateRole, 'aws-region': catalogue.global.region } }] : []),
            {
              name: 'health gate',
              ...(otherAccounts.length > 0 ? { env: Object.fromEntries(otherAccounts.flatMap((a) => Object.entries(a.env))) } : {}),
              run: `npm run rollout -- gate --wave ${w.wave} --bake ${bake} --report-dir reports`,
            },
          ],
        };
        earlier.push(id);
      };
      gate(`wave${w.wave}_gate`, '30m');
      // The bake: the environment's wait timer holds this job (24h, or the fast path's shorter one); it logs in to
      // nothing, so the cloud trusts no subject of it. Then the gate again.
      jobs[`wave${w.wave}_bake`] = {
        needs: [...earlier],
        if: canaryChanged,
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 10,
        environment: "${{ inputs.fast-path && 'production-fast-path-bake' || 'production-bake' }}",
        permissions: {},
        steps: [{ run: 'echo "the canary baked for the environment\'s wait timer"' }],
      };
      earlier.push(`wave${w.wave}_bake`);
      gate(`wave${w.wave}_after_bake`, '15m');
      jobs[`wave${w.wave}_rollback`] = rollbackJob(catalogue, w, [...thisWave, `wave${w.wave}_gate`, `wave${w.wave}_after_bake`]);
    }
  }
  // Retired stacks, after every wave (the global stack has dropped their delegations): platform, then infrastructure.
  const decommissionIf = (id: string) => `\${{ ${ON_MAIN} && !cancelled() && !contains(needs.*.result, 'failure') && needs.plan.result == 'success' && needs.plan.outputs.${id} != '[]' }}`;
  for (const layer of ['platform', 'infrastructure'] as const) {
    const id = `decommission_${layer}`;
    jobs[id] = {
      name: `decommission ${layer}: \${{ matrix.stack }}`,
      needs: layer === 'platform' ? [...earlier] : [...earlier, 'decommission_platform'],
      if: decommissionIf(id),
      'runs-on': '${{ matrix.runsOn }}',
      environment: DECOMMISSION_ENVIRONMENT,
      'timeout-minutes': APPLY_TIMEOUT_MINUTES,
      permissions: { contents: 'read', 'id-token': 'write', deployments: 'write' },
      concurrency: { group: 'tfstate-${{ matrix.stack }}', 'cancel-in-progress': false },
      strategy: { 'fail-fast': false, matrix: { include: `\${{ fromJSON(needs.plan.outputs.${id}) }}` } },
      steps: [
        ...HISTORY_SETUP,
        { uses: PINNED_ACTIONS.setupTerraform.uses, with: { terraform_version: TERRAFORM_VERSION, terraform_wrapper: false } },
        ...loginSteps('${{ matrix.applyIdentity }}', '${{ matrix.region }}', '${{ matrix.credentials.tenantId }}', '${{ matrix.credentials.subscriptionId }}', "matrix.cloud == 'aws'", "matrix.cloud == 'azure'"),
        { run: 'npm run synth -- --out cdktf.out' },
        { name: 'the last deployed configuration', env: { RETIRED: '${{ needs.plan.outputs.retired_commit }}' }, run: synthesizeCommit('RETIRED', 'retired') },
        {
          name: 'destroy, confirm an empty state, archive it',
          env: { STACK: '${{ matrix.stack }}', GITHUB_TOKEN: '${{ github.token }}', ...armEnv('${{ matrix.applyIdentity }}', '${{ matrix.credentials.tenantId }}', '${{ matrix.credentials.subscriptionId }}') },
          run: 'npm run rollout -- apply --wave decommission --stacks "$STACK" --cdktf-out cdktf.out --last-deployed-out retired.out --records github --report-dir reports',
        },
        { uses: PINNED_ACTIONS.uploadArtifact.uses, if: '${{ !cancelled() }}', with: { name: 'decommission-${{ matrix.stack }}', path: 'reports/', 'retention-days': 90 } },
        { name: 'clean the workspace', if: 'always()', run: 'rm -rf cdktf.out retired.out ../retired reports' },
      ],
    };
  }
  const workflow = {
    name: 'deploy',
    on: {
      push: { branches: ['main'] },
      workflow_dispatch: {
        inputs: {
          'fast-path': {
            description: 'Critical fix (from main only): its own approval (fast-path environment) first, then the usual wave approvals and a shorter bake; the canary still goes first',
            type: 'boolean',
            default: false,
          },
        },
      },
    },
    permissions: { contents: 'read' },
    // One rollout at a time. GitHub keeps one queued run and replaces it with a newer one; nothing is lost, since
    // the newer run compares every stack with its deploy record, not with the replaced run's commit.
    concurrency: { group: 'deploy', 'cancel-in-progress': false },
    env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
    jobs,
  };
  return annotatePins(`# Generated by \`npm run rollout -- workflow\` from the region catalogue; do not edit by hand.\n${stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false })}`);
}

/**
 * The canary's automatic rollback: when one of its apply jobs or gates failed (not when an earlier wave stopped the
 * run — those jobs are then skipped, not failed), re-apply its stacks from the commit they were last deployed
 * from (read by the plan job before anything was applied), platform first, and hold the gate again. In its own
 * environment without reviewers: a rollback that waits for a person is not automatic. The job fails either way —
 * the change did not ship.
 */
function rollbackJob(catalogue: Catalogue, wave: RolloutWave, watched: readonly string[]): Record<string, unknown> {
  const rows = listStacks(catalogue).filter((r) => wave.stacks.some((s) => s.stack === r.stack));
  const infra = rows.find((r) => r.layer === 'infrastructure') ?? rows[0];
  const creds = infra.credentials;
  const tenantId = creds.cloud === 'azure' ? creds.tenantId : '';
  const subscriptionId = creds.cloud === 'azure' ? creds.subscriptionId : '';
  const login = loginSteps(infra.applyIdentity, infra.region, tenantId, subscriptionId).filter((s) => String(s.name).startsWith(infra.cloud === 'aws' ? 'AWS' : 'Azure'));
  // Holding the gate again reads global's Route53 health checks: from its read-only role when the canary's apply
  // role is in another account or on Azure (that role trusts this job's environment then: ciTrustOf).
  const otherAccounts = extraGateAccounts(catalogue, wave, creds.cloud === 'aws' ? creds.account : undefined);
  return {
    name: `wave ${wave.wave} (canary): roll back to the last deployed configuration`,
    needs: ['plan', ...watched],
    if: `\${{ ${ON_MAIN} && !cancelled() && needs.plan.result == 'success' && needs.plan.outputs.wave${wave.wave}_changed == 'true' && (${watched.map((id) => `needs.${id}.result == 'failure'`).join(' || ')}) }}`,
    // The canary's platform runners (in-network, its API server is private), named by the plan job: runner labels
    // are the catalogue's, not GitHub's.
    'runs-on': `\${{ fromJSON(needs.plan.outputs.wave${wave.wave}_runs_on) }}`,
    environment: ROLLBACK_ENVIRONMENT,
    'timeout-minutes': APPLY_TIMEOUT_MINUTES,
    permissions: { contents: 'read', 'id-token': 'write', deployments: 'write' },
    concurrency: { group: `rollback-wave${wave.wave}`, 'cancel-in-progress': false },
    steps: [
      ...HISTORY_SETUP,
      { uses: PINNED_ACTIONS.setupTerraform.uses, with: { terraform_version: TERRAFORM_VERSION, terraform_wrapper: false } },
      ...login,
      ...otherAccounts.map((a) => a.step),
      { run: 'npm run synth -- --out cdktf.out' },
      { name: 'the last deployed configuration', env: { LAST: `\${{ needs.plan.outputs.wave${wave.wave}_last_deployed }}` }, run: synthesizeCommit('LAST', 'last') },
      {
        name: 'roll back and hold the gate again',
        // azurerm's login for an Azure canary only: an AWS canary's job holds no Azure identity to name.
        env: {
          LAST: `\${{ needs.plan.outputs.wave${wave.wave}_last_deployed }}`,
          GITHUB_TOKEN: '${{ github.token }}',
          ...(creds.cloud === 'azure' ? armEnv(infra.applyIdentity, tenantId, subscriptionId) : {}),
          ...Object.fromEntries(otherAccounts.flatMap((a) => Object.entries(a.env))),
        },
        run: `npm run rollout -- rollback --wave ${wave.wave} --cdktf-out cdktf.out --last-deployed-out last.out --records github --commit "$LAST" --report-dir reports`,
      },
      { uses: PINNED_ACTIONS.uploadArtifact.uses, if: '${{ !cancelled() }}', with: { name: `rollback-wave${wave.wave}`, path: 'reports/', 'retention-days': 90 } },
      { name: 'clean the workspace', if: 'always()', run: 'rm -rf cdktf.out last.out ../last reports' },
    ],
  };
}
