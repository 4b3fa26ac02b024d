import { defineCommand } from './command-spec';

/** `npm run rollout`: its help and the flags it parses (docs/commands.md is generated from this). */
export const ROLLOUT_COMMAND = defineCommand({
  name: 'rollout',
  help: `usage: npm run rollout -- <plan|apply|gate|run|rollback|workflow> [options]

  plan  [--regions FILE] [--cdktf-out DIR] [--base-out DIR | --records STORE] [--fast-path]
        [--json | --order | --matrix | --github-outputs]
        The ordered waves: each region's infrastructure before its platform, the production canary alone, global
        last; per wave approval, bake and health checks; per stack whether it changed (with --base-out, a previous
        synth output: only stacks whose Terraform differs, metadata ignored; with --records, what was last applied
        to each stack: "github" for GitHub deployments, or a directory). --order: the changed stacks in rollout
        order on one line, with the canary's rollback and the stacks to decommission (PR comment); --matrix: their
        listing rows (a CI matrix); --github-outputs: one matrix per deploy and decommission job, whether each
        canary changed and the commit it was last deployed from, as GITHUB_OUTPUT lines; --retired-commit: the
        newest commit a retired stack (deploy records, not in the catalogue) was deployed from.
        Stacks in the last deployed output (--last-deployed-out, default --base-out) and not in the catalogue are
        retired: listed, and refused while their resources are still protected (mark the entry
        "decommission": true for one release first).
  apply --wave N [--stacks NAME|GLOB,…] [--regions FILE] [--cdktf-out DIR] [--base-out DIR | --records STORE [--commit SHA]]
        [--concurrency N] [--report-dir DIR]
        Applies the wave's changed stacks from saved plans made in the same run (state locks waited for up to 10
        minutes, plan files removed); stops at the first failure. With --records, writes the deploy record of each
        stack it leaves at this commit (--commit, default $GITHUB_SHA). Writes rollout-wave-N.{md,json,xml} to
        --report-dir (default reports). --wave decommission [--last-deployed-out DIR]: destroys the retired stacks,
        platform first, confirms each state is empty and archives it in its backend (<key>.decommissioned-<time>);
        writes rollout-decommission.{md,json,xml}.
  gate  --wave N [--bake DURATION] [--interval DURATION] [--regions FILE] [--fast-path] [--report-dir DIR]
        Holds the wave's health checks (rollout.healthChecks, and each VM service's Auto Scaling group or scale set)
        for its bake time; the first failing check stops it.
  run   [--bake DURATION] [--interval DURATION] [apply options]
        Every wave in order, each followed by its gate, with no approvals (sandboxes, other orchestrators); a
        failure stops it and the waves left are reported as not applied; a failing canary is rolled back to the
        last deployed configuration (--last-deployed-out or --base-out). --decommission approves destroying the
        retired stacks at the end. Writes rollout-run.{md,json} and each wave's reports.
  rollback [--wave N] --last-deployed-out DIR [--records STORE --commit SHA] [--bake D] [--interval D] [--report-dir DIR]
        Re-applies the canary wave (or wave N) from the last deployed configuration, platform before
        infrastructure, then holds its health checks again. Writes rollout-rollback-N.{md,json,xml}; exits 2 either
        way (the change did not ship).
  workflow [--regions FILE] [--file PATH] [--check]
        Writes .github/workflows/deploy.yml generated from the catalogue's waves; --check exits 2 when it is stale.
Exit codes: 0 done; 1 invalid catalogue, flags or output directory; 2 a stack failed to apply or a check failed
(later waves must not start).`,
  options: {
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    'base-out': { type: 'string' },
    'fast-path': { type: 'boolean' },
    json: { type: 'boolean' },
    order: { type: 'boolean' },
    wave: { type: 'string' },
    stacks: { type: 'string', multiple: true },
    concurrency: { type: 'string' },
    'report-dir': { type: 'string' },
    bake: { type: 'string' },
    interval: { type: 'string' },
    matrix: { type: 'boolean' },
    'github-outputs': { type: 'boolean' },
    file: { type: 'string' },
    check: { type: 'boolean' },
    records: { type: 'string' },
    commit: { type: 'string' },
    'last-deployed-out': { type: 'string' },
    'retired-commit': { type: 'boolean' },
    decommission: { type: 'boolean' },
  },
});
