import { adoptCommand } from '../cli/adopt/adopt-command';
import { awsCli } from '../cli/aws/aws-cli';
import { parseFlags, runCli } from '../cli/errors';

const HELP = `usage: npm run adopt -- --stack NAME [--discover] [--regions FILE] [--cdktf-out DIR]

Lists the resources of an infrastructure stack that can take over existing cloud resources: construct path (the
key of the catalogue entry's "adopt"), type, and the id Terraform's import expects. With --discover, looks in the
entry's AWS account and region (credentials from the environment) for resources matching what the stack declares
— VPC and subnets by CIDR, zones, buckets, roles, clusters, log groups, databases, KMS aliases by name — and prints
the "adopt:" snippet for the catalogue. Synth then emits import blocks: the plan shows imports, not creates.
Exit codes: 0, or 1 on an invalid catalogue, flags or an AWS error.`;

void runCli('adopt', () => {
  const { values } = parseFlags(process.argv.slice(2), {
    stack: { type: 'string' },
    discover: { type: 'boolean' },
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  return adoptCommand(
    { stack: values.stack, discover: values.discover, regions: values.regions, cdktfOut: values['cdktf-out'] },
    { api: awsCli(), out: (t) => process.stdout.write(t), log: (l) => process.stderr.write(`${l}\n`) },
  );
});
