import { ROLLOUT_COMMAND } from '../cli/commands/rollout';
import { integerFlag, parseFlags, runCli, UsageError } from '../cli/errors';
import { realProbes } from '../cli/rollout/health-gate';
import { rolloutApplyCommand, rolloutGateCommand, rolloutPlanCommand, rolloutRollbackCommand, rolloutRunCommand, rolloutWorkflowCommand } from '../cli/rollout/rollout-command';
import { realTerraform } from '../cli/terraform';

void runCli('rollout', async () => {
  const [sub, ...argv] = process.argv.slice(2);
  // `rollout --help` and `rollout <sub> --help` print the one help text (it covers every subcommand).
  const help = sub === '--help' || sub === '-h' || argv.includes('--help') || argv.includes('-h');
  if (sub === undefined || help) {
    process.stdout.write(`${ROLLOUT_COMMAND.help}\n`);
    return sub === undefined ? 1 : 0;
  }
  const { values } = parseFlags(argv, ROLLOUT_COMMAND.options);
  const deps = { runner: realTerraform, probes: realProbes, out: (t: string) => process.stdout.write(t), log: (l: string) => process.stderr.write(`${l}\n`) };
  const common = { regions: values.regions, cdktfOut: values['cdktf-out'], baseOut: values['base-out'], records: values.records, commit: values.commit, fastPath: values['fast-path'], lastDeployedOut: values['last-deployed-out'] };
  const reportDir = values['report-dir'] ?? 'reports';
  const concurrency = integerFlag('concurrency', values.concurrency, 1, 16);
  switch (sub) {
    case 'plan':
      return rolloutPlanCommand({ ...common, json: values.json, order: values.order, matrix: values.matrix, githubOutputs: values['github-outputs'], retiredCommit: values['retired-commit'] }, deps);
    case 'workflow':
      return rolloutWorkflowCommand({ regions: values.regions, file: values.file ?? '.github/workflows/deploy.yml', check: values.check }, deps);
    case 'apply':
      return rolloutApplyCommand({ ...common, wave: values.wave, stacks: values.stacks, concurrency, reportDir }, deps);
    case 'run':
      return rolloutRunCommand({ ...common, bake: values.bake, interval: values.interval, concurrency, reportDir, decommission: values.decommission }, deps);
    case 'rollback':
      return rolloutRollbackCommand({ ...common, wave: values.wave, bake: values.bake, interval: values.interval, concurrency, reportDir }, deps);
    case 'gate':
      return rolloutGateCommand({ ...common, wave: values.wave, bake: values.bake, interval: values.interval, reportDir }, deps);
    default:
      throw new UsageError(`${sub}: not a subcommand (plan, apply, gate, run, rollback or workflow; see --help)`);
  }
});
