import { defineCommand } from './command-spec';

/** `npm run drift-check`: its help and the flags it parses (docs/commands.md is generated from this). */
export const DRIFT_CHECK_COMMAND = defineCommand({
  name: 'drift-check',
  help: `usage: npm run drift-check -- [--stacks NAME|GLOB ...] [--concurrency N] [--out DIR] [--timeout SECONDS]
                               [--lock-timeout SECONDS] [--regions FILE] [--cdktf-out DIR]
                               [--unmanaged [--unmanaged-ignore FILE]]

Finds what changed behind Terraform's back: per stack one plan, read from \`terraform show -json\`: its
resource_drift is real-world drift, its resource_changes configuration not applied yet.
  --stacks        stacks to check, by name or glob (repeatable, or comma-separated); default: all but bootstrap
  --concurrency   stacks checked at once (default 2)
  --out           where drift-report.json, drift-report.md and drift-report.xml go (default: reports)
  --timeout       budget per stack in seconds (default 900)
  --lock-timeout  wait at most this long for a state lock held by someone else (default 60)
  --regions       catalogue file
  --cdktf-out     reuse this synthesized output instead of synthesizing into cdktf.out
  --unmanaged     also scan the selected stacks' AWS accounts and regions for fleet resources (in a fleet VPC or
                  tagged kore-region) that no state holds, and for IAM policies, security-group rules and routes
                  hung on managed resources by hand (AWS SDK, the job's credentials)
  --unmanaged-ignore  YAML list of accepted ones: { kind, id (glob), reason }
Statuses: clean, drifted, pending-changes (merged but not applied), error (lock held, credentials, provider
error, timeout; reported for that stack, the others go on).
Exit codes: 1 if any stack or the unmanaged scan errored, else 2 if any drifted or anything is unmanaged, else 0.`,
  options: {
    stacks: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '2' },
    out: { type: 'string', default: 'reports' },
    timeout: { type: 'string', default: '900' },
    'lock-timeout': { type: 'string', default: '60' },
    regions: { type: 'string' },
    'cdktf-out': { type: 'string' },
    unmanaged: { type: 'boolean' },
    'unmanaged-ignore': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
