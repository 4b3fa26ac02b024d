import { defineCommand } from './command-spec';

/** `npm run adopt`: its help and the flags it parses (docs/commands.md is generated from this). */
export const ADOPT_COMMAND = defineCommand({
  name: 'adopt',
  help: `usage: npm run adopt -- --stack NAME [--discover] [--regions FILE] [--cdktf-out DIR]

Lists the resources of an infrastructure stack that can take over existing cloud resources: construct path (the
key of the catalogue entry's "adopt"), type, and the id Terraform's import expects. With --discover, looks in the
entry's AWS account and region (credentials from the environment) for resources matching what the stack declares
— VPC and subnets by CIDR, zones, buckets, roles, clusters, log groups, databases, KMS aliases by name — and prints
the "adopt:" snippet for the catalogue. Synth then emits import blocks: the plan shows imports, not creates.
Exit codes: 0, or 1 on an invalid catalogue, flags or an AWS error.`,
  options: {
    stack: { type: 'string' },
    discover: { type: 'boolean' },
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
