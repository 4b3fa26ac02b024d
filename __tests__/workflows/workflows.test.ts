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
    expect(steps.map((s: any) => s.env).filter(Boolean)).toContainEqual({
      ARM_USE_OIDC: 'true', ARM_CLIENT_ID: '${{ matrix.planIdentity }}', ARM_TENANT_ID: '${{ matrix.credentials.tenantId }}', ARM_SUBSCRIPTION_ID: '${{ matrix.credentials.subscriptionId }}',
    });
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
});
