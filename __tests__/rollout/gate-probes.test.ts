import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { realProbes } from '../../cli/rollout/health-gate';

/*
 * The gate's real probes through fake `aws` and `az` on PATH, which answer with the credentials they were run with:
 * each check reads its own account (the session the workflow handed over for it, else the job's own), and a scale
 * set's instances come from Resource Manager's live instance view.
 */
const dir = mkdtempSync(join(tmpdir(), 'fake-clis-'));
const calls = join(dir, 'calls');
const script = (name: string, body: string) => {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${calls}'\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
};
// aws <service> <operation> <flag> <value> --output json --region R: answers in the name of the key it was given.
script(
  'aws',
  `case "$2" in
  get-health-check-status) echo '{"HealthCheckObservations":[{"StatusReport":{"Status":"Success: as '"$AWS_ACCESS_KEY_ID"'"}}]}' ;;
  describe-auto-scaling-groups) [ "$4" = missing ] && { echo '{"AutoScalingGroups":[]}'; exit 0; }
    echo '{"AutoScalingGroups":[{"Instances":[{"HealthStatus":"Healthy as '"$AWS_ACCESS_KEY_ID"'","LifecycleState":"InService"}]}]}' ;;
esac`,
);
const vm = (health: string, power: string) => ({ properties: { instanceView: { vmHealth: { status: { code: health } }, statuses: [{ code: 'ProvisioningState/succeeded' }, { code: power }] } } });
script(
  'az',
  `case "$5" in
  *resourceGroups/missing/*) echo 'ERROR: Not Found({"error":{"code":"ResourceGroupNotFound"}})' >&2; exit 1 ;;
  *) echo '${JSON.stringify({ value: [vm('HealthState/healthy', 'PowerState/running'), vm('HealthState/unhealthy', 'PowerState/running'), vm('HealthState/healthy', 'PowerState/deallocated')] })}' ;;
esac`,
);

describe('the health gate’s real probes', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.PATH = `${dir}${delimiter}${process.env.PATH}`;
    // The job is logged in to global (333…); the workflow handed over a read-only session for the canary's 444….
    process.env.AWS_ACCESS_KEY_ID = 'job-key';
    process.env.AWS_SECRET_ACCESS_KEY = 'job-secret';
    process.env.KORE_AWS_444444444444_ACCESS_KEY_ID = 'canary-key';
    process.env.KORE_AWS_444444444444_SECRET_ACCESS_KEY = 'canary-secret';
    process.env.KORE_AWS_444444444444_SESSION_TOKEN = 'canary-token';
  });
  afterAll(() => {
    process.env = saved;
  });

  it('reads an Auto Scaling group in its own account: the handed-over session there, the job’s own elsewhere', async () => {
    expect(await realProbes.groupInstances('us-east-1', 'kore-prod-use1-billing', '444444444444')).toEqual([{ health: 'Healthy as canary-key', lifecycle: 'InService' }]);
    expect(await realProbes.groupInstances('us-east-1', 'kore-prod-use1-billing', '333333333333')).toEqual([{ health: 'Healthy as job-key', lifecycle: 'InService' }]);
    expect(await realProbes.groupInstances('us-east-1', 'missing', '444444444444')).toBeUndefined();
  });

  it('reads Route53 health checks in the account the check names (us-east-1, Route53’s region)', async () => {
    writeFileSync(calls, '');
    expect(await realProbes.route53Statuses('hc-1', '444444444444')).toEqual(['Success: as canary-key']);
    expect(await realProbes.route53Statuses('hc-1', '333333333333')).toEqual(['Success: as job-key']);
    expect(readFileSync(calls, 'utf8')).toContain('aws route53 get-health-check-status --health-check-id hc-1 --output json --region us-east-1');
  });

  it('reads a scale set’s instances with their health and power state from the live instance view', async () => {
    writeFileSync(calls, '');
    expect(await realProbes.scaleSetInstances('s-1', 'kore-prod-weu-billing', 'kore-prod-weu-billing')).toEqual([
      { health: 'HealthState/healthy', power: 'PowerState/running' },
      { health: 'HealthState/unhealthy', power: 'PowerState/running' },
      { health: 'HealthState/healthy', power: 'PowerState/deallocated' },
    ]);
    expect(readFileSync(calls, 'utf8')).toContain(
      'az rest --method get --url https://management.azure.com/subscriptions/s-1/resourceGroups/kore-prod-weu-billing/providers/Microsoft.Compute/virtualMachineScaleSets/kore-prod-weu-billing/virtualMachines?$expand=instanceView&api-version=',
    );
    expect(await realProbes.scaleSetInstances('s-1', 'missing', 'kore-prod-weu-billing')).toBeUndefined();
  });
});
