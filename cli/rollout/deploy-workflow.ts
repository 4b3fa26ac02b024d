import { stringify } from 'yaml';
import { automationOf, deployEnvironmentOf, iamRoleArn, MAIN_READ_ENVIRONMENT } from '../../regions/automation';
import type { Catalogue } from '../../regions/schema';
import { listStacks, StackListing } from '../stacks';
import { annotatePins, PINNED_ACTIONS, TERRAFORM_VERSION } from './pinned-actions';
import { RolloutPlan, rolloutPlan } from './waves';

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

/**
 * Check-out and install for jobs that hold cloud credentials: no token left in `.git/config`, no dependency cache
 * (a poisoned cache would run in a job that deploys), no install scripts.
 */
const SETUP = [
  { uses: PINNED_ACTIONS.checkout.uses, with: { 'persist-credentials': false } },
  { uses: PINNED_ACTIONS.setupNode.uses, with: { 'node-version': 22, 'package-manager-cache': false } },
  { run: 'npm ci --ignore-scripts --no-audit --no-fund' },
];

/** Minutes a deploy job may hold its state: longer than any apply, shorter than GitHub's six-hour default. */
export const APPLY_TIMEOUT_MINUTES = 180;
/** Seconds of the cloud session of an apply job: it must outlive the job, or the apply cannot write its state. */
const SESSION_SECONDS = APPLY_TIMEOUT_MINUTES * 60;

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
      outputs: Object.fromEntries(
        [...Object.keys(deployMatrices(catalogue, plan)), ...plan.waves.filter((w) => w.canary).map((w) => `wave${w.wave}_changed`)].map((id) => [id, `\${{ steps.plan.outputs.${id} }}`]),
      ),
      steps: [
        ...SETUP,
        { run: 'npm run synth -- --out cdktf.out' },
        {
          id: 'plan',
          name: 'changed stacks against their deploy records',
          env: { GITHUB_TOKEN: '${{ github.token }}' },
          run: [
            'npm run --silent rollout -- plan --cdktf-out cdktf.out --records github --github-outputs >> "$GITHUB_OUTPUT"',
            'npm run --silent rollout -- plan --cdktf-out cdktf.out --records github >> "$GITHUB_STEP_SUMMARY"',
          ].join('\n'),
        },
      ],
    },
  };
  const earlier: string[] = ['plan'];
  const runIf = (id: string) => `\${{ !cancelled() && !contains(needs.*.result, 'failure') && needs.plan.result == 'success' && needs.plan.outputs.${id} != '[]' }}`;
  const ids = automationOf(catalogue, 'global')?.aws;
  const gateRole = ids ? iamRoleArn(catalogue.global.account, ids.planRole) : undefined;
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
          {
            name: 'AWS credentials (OIDC, apply role of this account)',
            if: "matrix.cloud == 'aws'",
            uses: PINNED_ACTIONS.awsCredentials.uses,
            with: { 'role-to-assume': '${{ matrix.applyIdentity }}', 'aws-region': '${{ matrix.region }}', 'role-duration-seconds': SESSION_SECONDS },
          },
          {
            name: 'Azure login (OIDC, apply identity)',
            if: "matrix.cloud == 'azure'",
            uses: PINNED_ACTIONS.azureLogin.uses,
            with: { 'client-id': '${{ matrix.applyIdentity }}', 'tenant-id': '${{ matrix.credentials.tenantId }}', 'subscription-id': '${{ matrix.credentials.subscriptionId }}' },
          },
          { run: 'npm run synth -- --out cdktf.out' },
          {
            name: 'plan and apply (saved plan, this commit)',
            env: {
              STACK: '${{ matrix.stack }}',
              GITHUB_TOKEN: '${{ github.token }}',
              ARM_USE_OIDC: 'true',
              ARM_CLIENT_ID: '${{ matrix.applyIdentity }}',
              ARM_TENANT_ID: '${{ matrix.credentials.tenantId }}',
              ARM_SUBSCRIPTION_ID: '${{ matrix.credentials.subscriptionId }}',
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
            // Route53 health checks are read with the global account's read-only identity.
            ...(gateRole ? [{ name: 'AWS credentials (OIDC, read-only, for Route53 health checks)', uses: PINNED_ACTIONS.awsCredentials.uses, with: { 'role-to-assume': gateRole, 'aws-region': catalogue.global.region } }] : []),
            { name: 'health gate', run: `npm run rollout -- gate --wave ${w.wave} --bake ${bake} --report-dir reports` },
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
    }
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
