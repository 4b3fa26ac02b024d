import { integerFlag, parseFlags, runCli, UsageError } from '../cli/errors';
import { planReportCommand } from '../cli/plan/plan-report-command';
import { realTerraform } from '../cli/terraform';

const HELP = `usage: npm run plan-report -- [--stacks NAME|GLOB ...] [--plan-json [STACK=]FILE ...] [--out DIR]
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
Exit codes: 0 ok; 3 --fail-on matched; 1 error (bad flags or plan file, or a stack failed to plan).`;

void runCli('plan-report', async () => {
  const { values } = parseFlags(process.argv.slice(2), {
    stacks: { type: 'string', multiple: true },
    'plan-json': { type: 'string', multiple: true },
    out: { type: 'string', default: 'reports' },
    'fail-on': { type: 'string' },
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'destroy' && failOn !== 'replace') throw new UsageError(`--fail-on must be destroy or replace (got "${failOn}")`);
  const concurrency = integerFlag('concurrency', values.concurrency, 1, 16);
  return planReportCommand(
    { stacks: values.stacks, planJson: values['plan-json'], out: values.out, failOn, regions: values.regions, cdktfOut: values['cdktf-out'], concurrency },
    { runner: realTerraform, log: (line) => process.stderr.write(`${line}\n`) },
  );
});
