import { quartzCronProblem } from './quartz-cron';

/** A replication rule of the catalogue: which repositories go from one region to others, how and when. */
export interface ReplicationRuleSpec {
  /** Repository keys or glob patterns (`docker-*`), expanded against the source's repositories when applied. */
  readonly repositories: readonly string[];
  /** Source region id. @default the Artifactory primary */
  readonly from?: string;
  /** Target region ids. */
  readonly to: readonly string[];
  /** `push`: the source sends; `pull`: each target's remote repository fetches from the source. */
  readonly mode: 'push' | 'pull';
  /**
   * Quartz cron, e.g. `0 0 0/2 * * ?` (JFrog's API takes one even for event-based replication).
   * @default - none: validation asks for one on every rule
   */
  readonly schedule?: string;
  /** Replicate on every deploy / delete event as well. */
  readonly eventBased: boolean;
}

/** The JFrog subscription, which decides which replication features exist. */
export type JfrogLicense = 'pro' | 'enterprise' | 'enterprise-plus';

/**
 * What each choice needs (JFrog documentation, "Repository Replication"): scheduled push or pull to one target
 * works on Pro; pushing one repository to several targets (multi-push) and event-based pull replication need an
 * Enterprise subscription. An HA Artifactory (more than one node) needs an Enterprise license too.
 */
export const LICENSE_FEATURES: Readonly<Record<JfrogLicense, { multiPush: boolean; eventPull: boolean; ha: boolean }>> = {
  pro: { multiPush: false, eventPull: false, ha: false },
  enterprise: { multiPush: true, eventPull: true, ha: true },
  'enterprise-plus': { multiPush: true, eventPull: true, ha: true },
};

export interface ReplicationProblem {
  /** Path below `replication.rules.<rule>`. */
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Checks the replication topology: known regions with an Artifactory role, no self-replication, no cycles per
 * repository, valid Quartz schedules, features the license has. `roles` maps region id → its Artifactory role.
 */
export function replicationProblems(
  rules: Readonly<Record<string, ReplicationRuleSpec>>,
  roles: ReadonlyMap<string, 'primary' | 'replica' | undefined>,
  license: JfrogLicense,
): ReplicationProblem[] {
  const problems: ReplicationProblem[] = [];
  const primary = [...roles].find(([, role]) => role === 'primary')?.[0];
  const edges: { rule: string; repo: string; from: string; to: string }[] = [];
  for (const [ruleName, rule] of Object.entries(rules)) {
    const at = (...p: (string | number)[]) => [ruleName, ...p];
    const from = rule.from ?? primary;
    if (rule.from !== undefined) {
      if (!roles.has(rule.from)) problems.push({ path: at('from'), message: 'no catalogue entry has this id' });
      else if (!roles.get(rule.from)) problems.push({ path: at('from'), message: 'this region has no Artifactory role' });
    }
    rule.to.forEach((target, i) => {
      if (!roles.has(target)) problems.push({ path: at('to', i), message: 'no catalogue entry has this id' });
      else if (!roles.get(target)) problems.push({ path: at('to', i), message: 'this region has no Artifactory role' });
      if (target === from) problems.push({ path: at('to', i), message: 'a region cannot replicate to itself' });
    });
    if (rule.schedule !== undefined) {
      const problem = quartzCronProblem(rule.schedule);
      if (problem) problems.push({ path: at('schedule'), message: `invalid cron: ${problem}` });
    } else {
      problems.push({ path: at('schedule'), message: "a schedule is required: JFrog's replication API takes a cron even with eventBased (a full sync behind the events)" });
    }
    if (rule.mode === 'pull') {
      rule.repositories.forEach((repo, i) => {
        if (/-local$/.test(repo)) {
          problems.push({ path: at('repositories', i), message: `pull replication runs on the target's remote repositories; name those (such as ${repo.replace(/-local$/, '-remote')}), not the source's local one` });
        }
      });
    }
    const features = LICENSE_FEATURES[license];
    if (rule.mode === 'push' && rule.to.length > 1 && !features.multiPush) {
      problems.push({ path: at('to'), message: `pushing to ${rule.to.length} targets (multi-push) needs an Enterprise license (replication.license is ${license})` });
    }
    if (rule.mode === 'pull' && rule.eventBased && !features.eventPull) {
      problems.push({ path: at('eventBased'), message: `event-based pull replication needs an Enterprise license (replication.license is ${license})` });
    }
    // Self-replication is reported above; leave it out of the cycle search so it is not reported twice.
    if (from) for (const repo of rule.repositories) for (const to of rule.to.filter((t) => t !== from)) edges.push({ rule: ruleName, repo, from, to });
  }
  // A cycle per repository pattern (A→B, B→A) would replicate deletes and properties back and forth forever.
  for (const repo of new Set(edges.map((e) => e.repo))) {
    const graph = new Map<string, string[]>();
    for (const e of edges.filter((x) => x.repo === repo)) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const cycle = findCycle(graph);
    if (cycle) {
      const rule = edges.find((e) => e.repo === repo && e.from === cycle[cycle.length - 2] && e.to === cycle[cycle.length - 1])?.rule ?? repo;
      problems.push({ path: [rule, 'repositories'], message: `${repo} replicates in a cycle: ${cycle.join(' → ')}` });
    }
  }
  return problems;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}
