import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** A chart pinned at an exact version in its repository. */
export interface PinnedChart {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
}

export interface ChartReleaseProps {
  readonly chart: PinnedChart;
  readonly name: string;
  readonly namespace: string;
  /** Values as YAML, built from typed settings only. */
  readonly values: string;
  /** @default false */
  readonly createNamespace?: boolean;
  /** Seconds Helm waits for the release to be ready. @default 600 */
  readonly timeoutSeconds?: number;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A Helm release of a pinned upstream chart, the same way everywhere: atomic (a release that does not become ready
 * rolls back and fails the apply) and cleaned up on failure. Added as `<scope>/Release`.
 */
export function addChartRelease(scope: Construct, props: ChartReleaseProps): Release {
  return new Release(scope, 'Release', {
    name: props.name,
    namespace: props.namespace,
    createNamespace: props.createNamespace,
    repository: props.chart.repository,
    chart: props.chart.chart,
    version: props.chart.version,
    atomic: true,
    cleanupOnFail: true,
    timeout: props.timeoutSeconds ?? 600,
    values: [props.values],
    dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
  });
}
