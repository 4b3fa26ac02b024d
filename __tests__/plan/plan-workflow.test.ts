import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../cli/plan/render-markdown';
import { listStacks } from '../../cli/stacks';
import { defaultCatalogue } from '../../regions/catalogue';
import { spawnCommand } from '../support/run-command';

describe('PR plan workflow', () => {
  const wf = parse(readFileSync('.github/workflows/plan.yml', 'utf8'));

  it('runs on pull requests; only the plan job has an OIDC token and only the comment job may write to the PR', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(wf.jobs.comment.permissions).toEqual({ 'pull-requests': 'write' });
  });

  it('plans one matrix job per changed stack, listed with the same rows as `npm run stacks -- --json`, which lists every catalogue stack', () => {
    const list = wf.jobs.stacks.steps.find((s: any) => s.id === 'list').run;
    expect(list).toContain('npm run --silent rollout -- plan --cdktf-out cdktf.out --base-out base.out --matrix');
    expect(wf.jobs.plan.strategy.matrix.include).toBe('${{ fromJSON(needs.stacks.outputs.matrix) }}');
    const r = spawnCommand('stacks', ['--json']);
    const listed = JSON.parse(r.stdout).map((s: any) => s.stack).sort();
    const expected = listStacks(defaultCatalogue()).map((s) => s.stack).sort();
    expect(listed).toEqual(expected);
    // Two layers per region, plus global.
    expect(listed).toHaveLength(defaultCatalogue().regions.length * 2 + 1);
  });

  it('uses cloud credentials through OIDC, never stored keys', () => {
    const text = readFileSync('.github/workflows/plan.yml', 'utf8');
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|ARM_CLIENT_SECRET|secrets\./);
    const uses = wf.jobs.plan.steps.map((s: any) => s.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^aws-actions\/configure-aws-credentials@[0-9a-f]{40}$/), expect.stringMatching(/^azure\/login@[0-9a-f]{40}$/)]));
  });

  it('renders the report and updates a single comment found by the report marker', () => {
    const steps = wf.jobs.report.steps;
    const commentSteps = wf.jobs.comment.steps;
    const report = steps.find((s: any) => s.name === 'plan report');
    expect(report.run).toContain('npm run plan-report -- "${args[@]}" --stacks "$expected" --cdktf-out cdktf.out --out reports');
    expect(report.env.MATRIX).toBe('${{ needs.stacks.outputs.matrix }}');
    const script = commentSteps.find((s: any) => s.uses?.startsWith('actions/github-script@')).with.script;
    expect(script).toContain(`const marker = '${COMMENT_MARKER}'`);
    expect(script).toContain('updateComment');
    expect(steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact@')).with).toEqual({ name: 'plan-report', path: 'reports/', 'retention-days': 14 });
    expect(commentSteps.find((s: any) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ name: 'plan-report', path: 'reports' });
  });
});
