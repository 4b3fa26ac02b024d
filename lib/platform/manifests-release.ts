import { join } from 'node:path';
import { Release } from '@cdktf/provider-helm/lib/release';
import { AssetType, ITerraformDependable, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';

/** The local chart that renders `.Values.manifests` as they are (charts/kore-manifests). */
const CHART_DIR = join(__dirname, 'charts', 'kore-manifests');
/** The construct id of the one copy of that chart per stack. */
const CHART_ID = 'KoreManifestsChart';

export interface ManifestsReleaseProps {
  /** Release name, unique in its namespace. */
  readonly name: string;
  /** The release's namespace (its record lives there; the objects carry their own namespaces). */
  readonly namespace: string;
  /** Complete Kubernetes objects. */
  readonly manifests: readonly Record<string, unknown>[];
  /** Releases that install the CRDs these objects need, and anything else that must exist first. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Objects of custom resource kinds, applied as a Helm release of a small local chart after the release that
 * installs their CRDs. `kubernetes_manifest` would need the CRD at plan time, which a first apply does not have;
 * a release is only rendered against the API when it is installed, in dependency order. Atomic: objects the API
 * refuses fail the apply and roll back.
 */
export class ManifestsRelease extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ManifestsReleaseProps) {
    super(scope, id);
    if (props.manifests.length === 0) throw new Error(`manifests: ${props.name} has no objects`);
    for (const [i, m] of props.manifests.entries()) {
      if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string' || typeof (m.metadata as { name?: unknown })?.name !== 'string') {
        throw new Error(`manifests.${i}: needs apiVersion, kind and metadata.name (got ${JSON.stringify(m).slice(0, 80)})`);
      }
    }
    this.release = new Release(this, 'Release', {
      name: props.name,
      namespace: props.namespace,
      chart: chartOf(this).path,
      atomic: true,
      cleanupOnFail: true,
      timeout: 300,
      values: [stringify({ manifests: props.manifests })],
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
  }
}

/**
 * The stack's one copy of the local chart, made by its first ManifestsRelease. Every release of the stack renders
 * the same chart from its own values, so one copy serves them all: a copy per release wrote the same three files
 * five to seven times into every platform stack (96 entries: 778 files, now 484; the next synth removes them all).
 */
function chartOf(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(CHART_ID);
  return existing instanceof TerraformAsset ? existing : new TerraformAsset(stack, CHART_ID, { path: CHART_DIR, type: AssetType.DIRECTORY });
}
