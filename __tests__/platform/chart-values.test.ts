import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARGO_CD_CHART } from '../../lib/platform/argo-cd';
import { EXTERNAL_SECRETS_CHART } from '../../lib/platform/external-secrets';
import { ARTIFACTORY_CHART } from '../../lib/artifactory/artifactory-replica';
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from '../../lib/edge/aws-load-balancer-controller';
import { CERT_MANAGER_CHART } from '../../lib/edge/cert-manager';
import { EXTERNAL_DNS_CHART } from '../../lib/edge/external-dns';
import { defaultFleetOut } from '../support/default-fleet';

/*
 * Every helm_release of every synthesized stack, checked against the real upstream chart sources in
 * ../shared/charts with their own checker (check-values.py): no values key the chart neither declares nor reads,
 * no type mismatch, and each release pinned at a chart version that is there. The sources must be there: a missing
 * ../shared/charts fails the suite (a skip would pass a run that checked nothing), except where the suite runs from
 * a published package, which ships no chart sources (KORE_PUBLISHED_PACKAGE=1 says so).
 */
// KORE_CHARTS_DIR: where the sources are when the project runs from a copy elsewhere (check:cdktn does).
const CHARTS = process.env.KORE_CHARTS_DIR || resolve('..', 'shared', 'charts');
const available = existsSync(join(CHARTS, 'check-values.py'));
const published = process.env.KORE_PUBLISHED_PACKAGE === '1';
const describeCharts = available || !published ? describe : describe.skip;
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`\n${'!'.repeat(100)}\nCHART VALUES TESTS ${published ? 'SKIPPED (published package)' : 'FAIL'}: ${CHARTS}/check-values.py is absent\n${'!'.repeat(100)}\n`);
}

describeCharts('helm values against the real chart sources', () => {
  const outdir = defaultFleetOut('kore-charts-');
  const stacks = readdirSync(join(outdir, 'stacks')).filter((s) => readFileSync(join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8').includes('"helm_release"'));
  // One checker run for every stack: it loads the chart sources once (a run per stack cost ~1.3 CPU-seconds each).
  const check = available ? spawnSync('python3', [join(CHARTS, 'check-values.py'), '--charts-root', CHARTS, ...stacks.map((s) => join(outdir, 'stacks', s, 'cdk.tf.json'))], { encoding: 'utf8' }) : undefined;

  it('has the chart sources (a missing ../shared/charts fails here, loudly)', () => {
    expect(existsSync(join(CHARTS, 'check-values.py'))).toBe(true);
    expect(stacks.length).toBeGreaterThanOrEqual(5);
  });

  it('every release of every stack: no unknown key, no type mismatch, every chart pinned at a version that is there', () => {
    expect({ code: check?.status, problems: check?.stdout.trim() }).toEqual({ code: 0, problems: '' });
    expect(check?.stderr).toMatch(/: 0 problem\(s\)/);
    expect(check?.stderr).not.toMatch(/is not here/);
    // Every release from a chart repository was checked: the checker counts one values set per release.
    const remote = stacks.flatMap((stack) => Object.values(JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource.helm_release as Record<string, any>).filter((x) => x.repository !== undefined));
    expect(Number(/checked (\d+) values set\(s\)/.exec(check?.stderr ?? '')?.[1])).toBe(remote.length);
  });

  it.each(stacks)('%s: every release from the chart sources but our own local chart', (stack) => {
    // Only our own local chart (kore-manifests, under assets/) goes unchecked.
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    const local = Object.values(json.resource.helm_release as Record<string, any>).filter((x) => x.repository === undefined);
    for (const x of local) expect(x.chart).toMatch(/^assets\//);
  });

  it.each([
    ['artifactory', ARTIFACTORY_CHART.version],
    ['argo-cd', ARGO_CD_CHART.version],
    ['external-secrets', EXTERNAL_SECRETS_CHART.version],
    ['aws-load-balancer-controller', AWS_LOAD_BALANCER_CONTROLLER_CHART.version],
    ['cert-manager', CERT_MANAGER_CHART.version],
    ['external-dns', EXTERNAL_DNS_CHART.version],
  ])('pins %s %s, a version whose sources are there', (chart, version) => {
    expect(existsSync(join(CHARTS, `${chart}-${version}`))).toBe(true);
  });
});
