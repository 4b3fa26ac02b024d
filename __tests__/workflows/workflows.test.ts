import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { exprOf, jobOf, mapValue, parsedWorkflows } from '../support/workflows';

/*
 * Every workflow as GitHub itself reads it (@actions/workflow-parser): a YAML file that parses can still be a
 * workflow GitHub rejects (an unrecognized named-value in a job-level `if`, say), and then it never runs.
 */
describe('GitHub workflows', () => {
  const workflows = parsedWorkflows();

  it.each(Object.keys(workflows))('%s: GitHub\'s workflow parser reports no error', (file) => {
    expect(workflows[file].errors).toEqual([]);
    expect(workflows[file].template.jobs.length).toBeGreaterThan(0);
  });

  it.each([
    ['plan.yml', 'plan'],
    ['drift-check.yml', 'drift'],
  ])('%s: each stack job runs on the runner and as the identity its matrix row names', (file, id) => {
    const job = jobOf(workflows[file], id);
    expect(exprOf(job['runs-on'])).toBe('matrix.runsOn');
    expect(exprOf(mapValue(mapValue(job.strategy, 'matrix'), 'include'))).toBe('fromJSON(needs.stacks.outputs.matrix)');
    expect(exprOf(job.steps.find((s: any) => s.uses === 'azure/login@v2').if)).toBe("success() && (matrix.cloud == 'azure')");
    // The converted template keeps no step inputs: those are read from the YAML the parser accepted.
    const steps = parse(readFileSync(`.github/workflows/${file}`, 'utf8')).jobs[id].steps;
    const aws = steps.find((s: any) => s.uses === 'aws-actions/configure-aws-credentials@v4');
    expect(aws.with).toEqual({ 'role-to-assume': '${{ matrix.planIdentity }}', 'aws-region': '${{ matrix.region }}' });
    const azure = steps.find((s: any) => s.uses === 'azure/login@v2');
    expect(azure.with).toEqual({
      'client-id': '${{ matrix.planIdentity }}', 'tenant-id': '${{ matrix.credentials.tenantId }}', 'subscription-id': '${{ matrix.credentials.subscriptionId }}',
    });
    expect(steps.map((s: any) => s.env).filter(Boolean)).toContainEqual(expect.objectContaining({
      ARM_USE_OIDC: 'true', ARM_CLIENT_ID: '${{ matrix.planIdentity }}', ARM_TENANT_ID: '${{ matrix.credentials.tenantId }}', ARM_SUBSCRIPTION_ID: '${{ matrix.credentials.subscriptionId }}',
    }));
  });

  it.each([
    ['plan.yml', 'plan'],
    ['drift-check.yml', 'drift'],
  ])('%s: one run per state at a time, in a concurrency group shared across workflows', (file, id) => {
    const job = jobOf(workflows[file], id);
    expect(exprOf(mapValue(job.concurrency, 'group'))).toBe("format('tfstate-{0}', matrix.stack)");
    expect(mapValue(job.concurrency, 'cancel-in-progress')).toBe(false);
  });

  it('checks the guardrails on pull requests and uploads the SARIF to code scanning even when they fail', () => {
    const job = jobOf(workflows['plan.yml'], 'guardrails');
    const steps = parse(readFileSync('.github/workflows/plan.yml', 'utf8')).jobs.guardrails.steps;
    expect(steps.find((s: any) => s.name === 'guardrails').run).toBe('npm run guardrails -- --out reports');
    const upload = steps.find((s: any) => s.uses === 'github/codeql-action/upload-sarif@v3');
    expect(upload).toMatchObject({ if: 'always()', with: { sarif_file: 'reports/guardrails.sarif' } });
    expect(exprOf(job.steps.find((s: any) => s.uses === 'github/codeql-action/upload-sarif@v3').if)).toBe('always()');
    expect(parse(readFileSync('.github/workflows/plan.yml', 'utf8')).jobs.guardrails.permissions['security-events']).toBe('write');
  });

  it('narrows the nightly matrix to the dispatched stacks in the listing job, not in a job-level if', () => {
    const drift = jobOf(workflows['drift-check.yml'], 'drift');
    expect(exprOf(drift.if)).toBe('success()');
    const list = jobOf(workflows['drift-check.yml'], 'stacks').steps.find((s: any) => s.id === 'list');
    expect(list.run).toContain('--stacks "$STACKS"');
  });

  it('scans for unmanaged resources with every infrastructure stack of the nightly check, on both clouds', () => {
    const steps = parse(readFileSync('.github/workflows/drift-check.yml', 'utf8')).jobs.drift.steps;
    const index = steps.findIndex((s: any) => s.name === 'drift check');
    const step = steps[index];
    expect(step.env).toMatchObject({ LAYER: '${{ matrix.layer }}' });
    expect(step.run).toContain('if [ "$LAYER" = infrastructure ]; then');
    expect(step.run).not.toContain('$CLOUD');
    // The Azure scan reads Resource Graph with the az CLI: logged in before, for Azure stacks.
    const login = steps.findIndex((s: any) => s.uses?.startsWith('azure/login@'));
    expect(login).toBeGreaterThanOrEqual(0);
    expect(login).toBeLessThan(index);
    expect(steps[login].if).toBe("matrix.cloud == 'azure'");
    expect(step.run).toContain('extra=(--unmanaged)');
    expect(step.run).toMatch(/npm run drift-check -- .* "\$\{extra\[@\]\}"$/m);
  });
});

describe('deploy workflow (generated from the catalogue)', () => {
  const workflows = parsedWorkflows();
  const yaml = parse(readFileSync('.github/workflows/deploy.yml', 'utf8'));
  const jobIds: string[] = Object.keys(yaml.jobs);
  const waveJobs = jobIds.filter((id) => /^wave\d+_(infrastructure|platform|global)$/.test(id));

  it('is exactly what the catalogue generates (npm run rollout -- workflow)', () => {
    const { deployWorkflow } = require('../../cli/rollout/deploy-workflow');
    const { defaultCatalogue } = require('../../regions/catalogue');
    expect(readFileSync('.github/workflows/deploy.yml', 'utf8')).toBe(deployWorkflow(defaultCatalogue()));
  });

  it('runs on merges to main and by hand with a fast-path switch', () => {
    expect(yaml.on.push.branches).toEqual(['main']);
    expect(yaml.on.workflow_dispatch.inputs['fast-path']).toMatchObject({ type: 'boolean', default: false });
    expect(yaml.concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
  });

  it('chains the waves: every wave job needs every earlier job, so a failure anywhere stops everything after it', () => {
    expect(waveJobs).toEqual(['wave0_infrastructure', 'wave0_platform', 'wave1_infrastructure', 'wave1_platform', 'wave2_infrastructure', 'wave2_platform', 'wave3_infrastructure', 'wave3_platform', 'wave4_global']);
    const order = jobIds.filter((id) => id !== 'fast_path_approval');
    order.forEach((id, i) => {
      if (id === 'plan') return;
      const needs = jobOf(workflows['deploy.yml'], id).needs.map((n: any) => exprOf(n));
      expect([id, needs]).toEqual([id, order.slice(0, i)]);
      expect(exprOf(jobOf(workflows['deploy.yml'], id).if)).toContain("!contains(needs.*.result, 'failure')");
    });
    // The canary is gated and baked before the remaining production wave.
    expect(order.indexOf('wave2_gate')).toBeGreaterThan(order.indexOf('wave2_platform'));
    expect(order.indexOf('wave2_bake')).toBeLessThan(order.indexOf('wave3_infrastructure'));
  });

  it('puts each wave in its environment (reviewers on staging and production), the bake in one with a wait timer', () => {
    const env = (id: string) => yaml.jobs[id].environment;
    expect(waveJobs.map((id) => [id, env(id)])).toEqual([
      ['wave0_infrastructure', 'dev'], ['wave0_platform', 'dev'],
      ['wave1_infrastructure', 'staging'], ['wave1_platform', 'staging'],
      ['wave2_infrastructure', 'production'], ['wave2_platform', 'production'],
      ['wave3_infrastructure', 'production'], ['wave3_platform', 'production'],
      ['wave4_global', 'production'],
    ]);
    expect(env('wave2_bake')).toBe("${{ inputs.fast-path && 'production-fast-path-bake' || 'production-bake' }}");
    expect(yaml.jobs.fast_path_approval).toMatchObject({ if: '${{ inputs.fast-path }}', environment: 'fast-path' });
    expect(yaml.jobs.wave2_gate.steps.at(-1).run).toBe('npm run rollout -- gate --wave 2 --bake 30m --report-dir reports');
  });

  it('applies only changed stacks, one run per state in the group the plan and drift workflows share', () => {
    for (const id of waveJobs) {
      const job = jobOf(workflows['deploy.yml'], id);
      expect(exprOf(mapValue(job.concurrency, 'group'))).toBe("format('tfstate-{0}', matrix.stack)");
      expect(exprOf(mapValue(mapValue(job.strategy, 'matrix'), 'include'))).toBe(`fromJSON(needs.plan.outputs.${id})`);
      expect(exprOf(job.if)).toContain(`needs.plan.outputs.${id} != '[]'`);
      expect(yaml.jobs[id].steps.find((s: any) => s.name === 'plan and apply (saved plan, this commit)').run).toMatch(/^npm run rollout -- apply --wave \d+ --stacks "\$\{\{ matrix\.stack \}\}" --cdktf-out cdktf\.out/);
      expect(yaml.jobs[id].steps.find((s: any) => s.uses === 'aws-actions/configure-aws-credentials@v4').with['role-to-assume']).toBe('${{ matrix.applyIdentity }}');
    }
    expect(yaml.jobs.plan.steps.find((s: any) => s.id === 'plan').run).toContain('--github-outputs >> "$GITHUB_OUTPUT"');
  });

  it('plans only changed stacks on pull requests, and the comment shows their rollout order', () => {
    const plan = parse(readFileSync('.github/workflows/plan.yml', 'utf8'));
    expect(plan.jobs.stacks.steps.find((s: any) => s.id === 'list').run).toContain('rollout -- plan --cdktf-out cdktf.out --base-out base.out --matrix');
    expect(plan.jobs.plan.if).toBe("needs.stacks.outputs.matrix != '[]'");
    expect(plan.jobs.report.steps.find((s: any) => s.name === 'plan report').run).toContain('rollout-order.txt');
  });
});

describe('Node version', () => {
  it('declares a supported LTS (22 or 24) in engines and .nvmrc, and every workflow sets up Node 22', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.engines.node).toBe('^22.12.0 || ^24.0.0');
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe('22');
    for (const file of ['plan.yml', 'drift-check.yml', 'deploy.yml']) {
      const wf = parse(readFileSync(`.github/workflows/${file}`, 'utf8'));
      const setups = Object.values(wf.jobs as Record<string, any>).flatMap((j) => j.steps.filter((s: any) => s.uses === 'actions/setup-node@v4'));
      expect(setups.length).toBeGreaterThan(0);
      for (const s of setups) expect([file, s.with['node-version']]).toEqual([file, 22]);
    }
  });
});
