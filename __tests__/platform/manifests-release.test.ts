import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { ManifestsRelease } from '../../lib/platform/manifests-release';
import { defaultCatalogue } from '../../regions/catalogue';
import { synthesizeStacks } from '../../cli/synth';
import { listOf } from '../support/synth';

const object = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

describe('ManifestsRelease', () => {
  it('copies the local chart once per stack: every release of the stack points at that one copy', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kore-manifests-'));
    const app = new App({ outdir });
    const stacks = ['one', 'two'].map((id) => new TerraformStack(app, id));
    for (const stack of stacks) {
      new HelmProvider(stack, 'helm', {});
      new ManifestsRelease(stack, 'A', { name: 'a', namespace: 'default', manifests: [object('a')] });
      new ManifestsRelease(stack, 'B', { name: 'b', namespace: 'default', manifests: [object('b')] });
    }
    app.synth();
    for (const id of ['one', 'two']) {
      const dir = join(outdir, 'stacks', id);
      const releases = listOf(JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')), 'helm_release');
      expect(releases.map((r) => r.name).sort()).toEqual(['a', 'b']);
      const charts = new Set(releases.map((r) => r.chart));
      expect(charts.size).toBe(1);
      const [chart] = [...charts];
      expect(chart).toMatch(/^assets\/KoreManifestsChart\/\w+$/);
      expect(readdirSync(join(dir, 'assets'))).toEqual(['KoreManifestsChart']);
      expect(existsSync(join(dir, chart, 'Chart.yaml'))).toBe(true);
      expect(existsSync(join(dir, chart, 'templates', 'manifests.yaml'))).toBe(true);
    }
  });

  it('gives a real platform stack with several such releases one chart directory', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kore-manifests-fleet-'));
    const catalogue = defaultCatalogue();
    synthesizeStacks(outdir, catalogue);
    const dir = join(outdir, 'stacks', 'prod-us-east-1-platform');
    const local = listOf(JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')), 'helm_release').filter((r) => r.repository === undefined);
    expect(local.length).toBeGreaterThanOrEqual(3);
    expect(new Set(local.map((r) => r.chart)).size).toBe(1);
    expect(readdirSync(join(dir, 'assets'))).toEqual(['KoreManifestsChart']);
  });

  it('refuses an object without apiVersion, kind or a name, naming which', () => {
    const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'kore-manifests-bad-')) }), 's');
    expect(() => new ManifestsRelease(stack, 'A', { name: 'a', namespace: 'default', manifests: [object('ok'), { kind: 'ConfigMap' }] })).toThrow(
      /^manifests\.1: needs apiVersion, kind and metadata\.name/,
    );
    expect(() => new ManifestsRelease(stack, 'B', { name: 'b', namespace: 'default', manifests: [] })).toThrow('manifests: b has no objects');
  });
});
