import { parse } from 'yaml';

/*
 * The hardening rules every workflow of this repository keeps, as one function of a workflow's text: the tests
 * run it over the real workflows (no problem) and over workflows that break one rule each (that problem, named).
 * Sources: GitHub's "Security hardening for GitHub Actions" and OpenSSF Scorecard (Token-Permissions,
 * Pinned-Dependencies, Dangerous-Workflow).
 */

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: unknown };
type Job = {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  'timeout-minutes'?: number;
  'runs-on'?: unknown;
  if?: unknown;
  environment?: unknown;
  needs?: string[] | string;
};

const LOGIN = /^(aws-actions\/configure-aws-credentials|azure\/login)@/i;
const FORK_GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';

/** Problems of one workflow, each `<file>: <job>: <what>`; empty when it keeps every rule. */
export function workflowProblems(file: string, text: string): string[] {
  const wf = parse(text) as { on?: unknown; permissions?: unknown; jobs: Record<string, Job> };
  const problems: string[] = [];
  const say = (job: string, what: string) => problems.push(`${file}: ${job}: ${what}`);
  const perms = wf.permissions as Record<string, string> | undefined;
  if (!perms || Object.keys(perms).length !== 1 || perms.contents !== 'read') say('(top)', 'top-level permissions must be exactly contents: read');
  const events = typeof wf.on === 'string' ? [wf.on] : Array.isArray(wf.on) ? (wf.on as string[]) : Object.keys(wf.on ?? {});
  const onPullRequest = events.includes('pull_request') || events.includes('pull_request_target');
  if (events.includes('pull_request_target')) say('(top)', 'pull_request_target runs with secrets on PR code');
  for (const line of text.split('\n')) {
    const m = /^\s*-?\s*uses:\s*([^\s#]+)(\s*#\s*(\S+))?/.exec(line);
    if (m && !m[1].startsWith('./') && !/@[0-9a-f]{40}$/.test(m[1])) say('(uses)', `${m[1]} is not pinned by a full commit SHA`);
    if (m && /@[0-9a-f]{40}$/.test(m[1]) && !m[3]) say('(uses)', `${m[1]} has no release comment`);
  }
  for (const [id, job] of Object.entries(wf.jobs)) {
    const steps = job.steps ?? [];
    const p = typeof job.permissions === 'object' && job.permissions !== null ? job.permissions : undefined;
    if (job.permissions === undefined) say(id, 'no job-level permissions');
    if (typeof job['timeout-minutes'] !== 'number') say(id, 'no timeout-minutes');
    const logsIn = steps.some((s) => s.uses !== undefined && LOGIN.test(s.uses));
    if (p?.['id-token'] === 'write' && !logsIn) say(id, 'id-token: write without a cloud login');
    if (logsIn && p?.['id-token'] !== 'write') say(id, 'logs in to a cloud without id-token: write');
    const runsRepoCode = steps.some((s) => s.uses?.startsWith('actions/checkout@'));
    for (const scope of ['pull-requests', 'security-events', 'contents', 'actions', 'checks', 'statuses', 'issues', 'packages']) {
      if (p?.[scope] === 'write' && runsRepoCode) say(id, `${scope}: write in a job that checks out and runs repository code`);
    }
    if (job.strategy?.matrix !== undefined && job.strategy['fail-fast'] !== false) say(id, 'a matrix without fail-fast: false');
    for (const s of steps) {
      if (s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false) say(id, 'checkout keeps the token (persist-credentials is not false)');
      if (s.run !== undefined && s.run.includes('${{')) say(id, `an expression inside run: (${s.run.split('\n').find((l) => l.includes('${{'))?.trim()})`);
      if (s.run !== undefined && logsIn && /\bnpm ci\b/.test(s.run) && !s.run.includes('--ignore-scripts')) say(id, 'npm ci runs install scripts in a job with cloud credentials');
      if (s.run !== undefined && /\bterraform (plan|apply)\b/.test(s.run) && !/-lock-timeout=/.test(s.run)) say(id, 'terraform plan/apply without -lock-timeout');
      if (s.uses?.startsWith('actions/setup-node@') && logsIn && s.with?.['package-manager-cache'] !== false) say(id, 'dependency cache in a job with cloud credentials');
      if (s.uses?.startsWith('actions/upload-artifact@') && s.with?.['retention-days'] === undefined) say(id, 'artifact without retention-days');
    }
    const ifText = String(job.if ?? '');
    if (onPullRequest && (logsIn || (p && Object.values(p).includes('write'))) && !ifText.includes(FORK_GUARD)) say(id, 'reaches a cloud identity or writes without a fork guard');
    if (onPullRequest && JSON.stringify(job['runs-on']).includes('matrix') && !ifText.includes(FORK_GUARD)) say(id, 'may land on self-hosted runners without a fork guard');
    if (logsIn && job.environment === undefined) say(id, 'logs in to a cloud outside a GitHub environment (its OIDC subject would not be trusted)');
  }
  return problems;
}
