import { stringify } from 'yaml';
import type { Catalogue } from '../../regions/schema';
import { listStacks, StackListing } from '../stacks';
import { RolloutPlan, rolloutPlan } from './waves';

/** The GitHub environment a wave's jobs run in: its reviewers approve the wave (staging, production). */
const ENVIRONMENT: Record<string, string> = { dev: 'dev', staging: 'staging', prod: 'production', global: 'production' };

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

const SETUP = [
  { uses: 'actions/checkout@v4' },
  { uses: 'actions/setup-node@v4', with: { 'node-version': 22, cache: 'npm' } },
  { run: 'npm ci' },
];

/**
 * `.github/workflows/deploy.yml`, generated from the catalogue (its waves are data): on a merge to main, one job per
 * wave and layer in rollout order, each needing every earlier one (a failure anywhere stops everything after it),
 * in the GitHub environment of its stage (reviewers on staging and production), applying only the stacks that
 * changed against the commit before the push, each in the per-state concurrency group the plan and drift workflows
 * share. After the canary: a health gate, then a bake job whose environment carries the wait timer, then the
 * gate again. A manual run with `fast-path` compresses the bake (its own environment and approval) and still runs
 * the canary first.
 */
export function deployWorkflow(catalogue: Catalogue): string {
  const plan = rolloutPlan(catalogue);
  const jobs: Record<string, unknown> = {
    // The fast path needs an explicit approval of its own before anything is planned.
    fast_path_approval: {
      if: '${{ inputs.fast-path }}',
      'runs-on': 'ubuntu-latest',
      environment: 'fast-path',
      steps: [{ run: 'echo "fast path approved by $GITHUB_TRIGGERING_ACTOR"' }],
    },
    plan: {
      needs: ['fast_path_approval'],
      if: "${{ !cancelled() && !contains(needs.*.result, 'failure') }}",
      'runs-on': 'ubuntu-latest',
      outputs: Object.fromEntries(Object.keys(deployMatrices(catalogue, plan)).map((id) => [id, `\${{ steps.plan.outputs.${id} }}`])),
      steps: [
        { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
        ...SETUP.slice(1),
        { run: 'npm run synth -- --out cdktf.out' },
        {
          name: 'synthesize the commit before this push (the base)',
          env: { BASE: '${{ github.event.before }}' },
          run: [
            '# A manual run, or a first push, has no base: every stack counts as changed.',
            'if [ -n "$BASE" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then',
            '  git worktree add ../base "$BASE"',
            '  (cd ../base && npm ci && npm run synth -- --out "$GITHUB_WORKSPACE/base.out")',
            'fi',
          ].join('\n'),
        },
        {
          id: 'plan',
          run: [
            'base=(); [ -d base.out/stacks ] && base=(--base-out base.out)',
            'npm run --silent rollout -- plan --cdktf-out cdktf.out "${base[@]}" --github-outputs >> "$GITHUB_OUTPUT"',
            'npm run --silent rollout -- plan --cdktf-out cdktf.out "${base[@]}" >> "$GITHUB_STEP_SUMMARY"',
          ].join('\n'),
        },
      ],
    },
  };
  const earlier: string[] = ['plan'];
  const runIf = (id: string) => `\${{ !cancelled() && !contains(needs.*.result, 'failure') && needs.plan.outputs.${id} != '[]' }}`;
  for (const w of plan.waves) {
    const layers = [...new Set(w.stacks.map((s) => s.layer))];
    const env = ENVIRONMENT[w.environments[0]] ?? 'production';
    const thisWave: string[] = [];
    for (const layer of layers) {
      const id = waveJobId(w.wave, layer);
      jobs[id] = {
        name: `wave ${w.wave}${w.canary ? ' (canary)' : ''} ${layer}: \${{ matrix.stack }}`,
        needs: [...earlier, ...thisWave],
        if: runIf(id),
        'runs-on': '${{ matrix.runsOn }}',
        environment: env,
        concurrency: { group: 'tfstate-${{ matrix.stack }}', 'cancel-in-progress': false },
        strategy: { 'fail-fast': true, matrix: { include: `\${{ fromJSON(needs.plan.outputs.${id}) }}` } },
        steps: [
          ...SETUP,
          { uses: 'hashicorp/setup-terraform@v3', with: { terraform_version: '1.11.4', terraform_wrapper: false } },
          { name: 'AWS credentials (OIDC, apply role of this account)', if: "matrix.cloud == 'aws'", uses: 'aws-actions/configure-aws-credentials@v4', with: { 'role-to-assume': '${{ matrix.applyIdentity }}', 'aws-region': '${{ matrix.region }}' } },
          {
            name: 'Azure login (OIDC, apply identity)',
            if: "matrix.cloud == 'azure'",
            uses: 'azure/login@v2',
            with: { 'client-id': '${{ matrix.applyIdentity }}', 'tenant-id': '${{ matrix.credentials.tenantId }}', 'subscription-id': '${{ matrix.credentials.subscriptionId }}' },
          },
          { run: 'npm run synth -- --out cdktf.out' },
          {
            name: 'plan and apply (saved plan, this commit)',
            env: { ARM_USE_OIDC: 'true', ARM_CLIENT_ID: '${{ matrix.applyIdentity }}', ARM_TENANT_ID: '${{ matrix.credentials.tenantId }}', ARM_SUBSCRIPTION_ID: '${{ matrix.credentials.subscriptionId }}' },
            run: `npm run rollout -- apply --wave ${w.wave} --stacks "\${{ matrix.stack }}" --cdktf-out cdktf.out --report-dir reports`,
          },
          { uses: 'actions/upload-artifact@v4', if: 'always()', with: { name: `rollout-\${{ matrix.stack }}`, path: 'reports/' } },
        ],
      };
      thisWave.push(id);
    }
    earlier.push(...thisWave);
    if (w.canary) {
      const gate = (id: string, bake: string, environment?: string) => {
        jobs[id] = {
          needs: [...earlier],
          if: "${{ !cancelled() && !contains(needs.*.result, 'failure') }}",
          'runs-on': 'ubuntu-latest',
          ...(environment ? { environment } : {}),
          steps: [...SETUP, { name: 'health gate', run: `npm run rollout -- gate --wave ${w.wave} --bake ${bake} --report-dir reports` }],
        };
        earlier.push(id);
      };
      gate(`wave${w.wave}_gate`, '30m');
      // The bake: the environment's wait timer holds the job (24h, or the fast path's shorter one); then the gate again.
      gate(`wave${w.wave}_bake`, '15m', "${{ inputs.fast-path && 'production-fast-path-bake' || 'production-bake' }}");
    }
  }
  const workflow = {
    name: 'deploy',
    on: {
      push: { branches: ['main'], paths: ['regions/**', 'lib/**', 'stacks/**', 'cdktf.json', 'package.json', 'package-lock.json'] },
      workflow_dispatch: { inputs: { 'fast-path': { description: 'Critical fix: shorter bake, approval on every wave; the canary still goes first', type: 'boolean', default: false } } },
    },
    permissions: { contents: 'read', 'id-token': 'write' },
    // One rollout at a time; a newer merge waits rather than cancelling a rollout halfway.
    concurrency: { group: 'deploy', 'cancel-in-progress': false },
    env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
    jobs,
  };
  return `# Generated by \`npm run rollout -- workflow\` from the region catalogue; do not edit by hand.\n${stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
