import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { listStacks } from '../../cli/stacks';
import { defaultCatalogue } from '../../regions/catalogue';
import { spawnCommand } from '../support/run-command';

describe('nightly drift workflow', () => {
  const text = readFileSync('.github/workflows/drift-check.yml', 'utf8');
  const wf = parse(text);

  it('runs nightly and on manual dispatch', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 2 * * *' }]);
    expect(wf.on).toHaveProperty('workflow_dispatch');
  });

  it('generates one job per stack from the catalogue listing, which lists every stack', () => {
    expect(wf.jobs.stacks.steps.find((s: any) => s.id === 'list').run).toContain('npm run --silent stacks -- --json');
    expect(wf.jobs.drift.strategy.matrix.include).toBe('${{ fromJSON(needs.stacks.outputs.matrix) }}');
    const r = spawnCommand('stacks', ['--json']);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((s: any) => s.stack).sort()).toEqual(listStacks(defaultCatalogue()).map((s) => s.stack).sort());
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['applyIdentity', 'cloud', 'credentials', 'dependsOn', 'environment', 'layer', 'planIdentity', 'region', 'runsOn', 'stack', 'wave']);
    }
  });

  it('uses OIDC federation, not stored keys', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.drift.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|ARM_CLIENT_SECRET|secrets\./);
  });

  it('runs the drift check per stack, fails on drift or error (its exit code), and uploads the reports', () => {
    const steps = wf.jobs.drift.steps;
    const run = steps.find((s: any) => s.name === 'drift check');
    expect(run.run).toContain('npm run drift-check -- --stacks "$STACK" --out "reports/$STACK" --timeout 1500 "${extra[@]}"');
    expect(run.env.STACK).toBe('${{ matrix.stack }}');
    expect(run['continue-on-error']).toBeUndefined();
    const upload = steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.if).toBe('${{ !cancelled() }}');
    expect(upload.with.path).toBe('reports/${{ matrix.stack }}/');
  });
});
