import { PLAN_REPORT_COMMAND } from '../cli/commands/plan-report';
import { integerFlag, parseFlags, runCli, UsageError } from '../cli/errors';
import { planReportCommand } from '../cli/plan/plan-report-command';
import { realTerraform } from '../cli/terraform';

void runCli('plan-report', async () => {
  const { values } = parseFlags(process.argv.slice(2), PLAN_REPORT_COMMAND.options);
  if (values.help) {
    process.stdout.write(`${PLAN_REPORT_COMMAND.help}\n`);
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
