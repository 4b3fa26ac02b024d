import { defineCommand } from './command-spec';

/** `npm run plan-report`: its help and the flags it parses (docs/commands.md is generated from this). */
export const PLAN_REPORT_COMMAND = defineCommand({
  name: 'plan-report',
  help: `usage: npm run plan-report -- [--stacks NAME|GLOB ...] [--plan-json [STACK=]FILE ...] [--out DIR]
                               [--fail-on destroy|replace] [--regions FILE] [--cdktf-out DIR] [--concurrency N]

One PR-comment-ready report of what Terraform would do in every stack.
  --stacks       stacks to plan, by name or glob (repeatable, or comma-separated); default: all but bootstrap.
                 With --plan-json: the stacks expected; one without a plan file gets a "no plan (failed)" row
  --plan-json    use saved \`terraform show -json\` output instead of running terraform; the stack name is
                 STACK= or the file name without .json / .tfplan. With --cdktf-out, entries name their constructs
  --out          where plan-report.md and plan-report.json go (default: reports)
  --fail-on      destroy: exit 3 on any destroy or replacement; replace: exit 3 on any replacement
  --regions      catalogue file (for waves and for synth)
  --cdktf-out    reuse this synthesized output instead of synthesizing into cdktf.out
  --concurrency  stacks planned at once (default 2)
Exit codes: 0 ok; 3 --fail-on matched; 1 error (bad flags or plan file, or a stack failed to plan).`,
  options: {
    stacks: { type: 'string', multiple: true },
    'plan-json': { type: 'string', multiple: true },
    out: { type: 'string', default: 'reports' },
    'fail-on': { type: 'string' },
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    help: { type: 'boolean', short: 'h' },
  },
});
