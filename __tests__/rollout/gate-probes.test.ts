import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { realProbes } from '../../cli/rollout/health-gate';
import { AwsStandIn } from '../support/aws-stand-in';

/*
 * The gate's real probes: AWS through the SDK against a loopback stand-in for Route53 and Auto Scaling that answers
 * in the name of the access key that signed the request, Azure through a fake `az` on PATH. Each check reads its own
 * account (the session the workflow handed over for it, else the job's own), and a scale set's instances come from
 * Resource Manager's live instance view.
 */
const dir = mkdtempSync(join(tmpdir(), 'fake-clis-'));
const calls = join(dir, 'calls');
const script = (name: string, body: string) => {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${calls}'\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
};

const aws = new AwsStandIn((r) => {
  if (r.service === 'route53') {
    return { body: `<GetHealthCheckStatusResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HealthCheckObservations><HealthCheckObservation><StatusReport><Status>Success: as ${r.key}</Status></StatusReport></HealthCheckObservation></HealthCheckObservations></GetHealthCheckStatusResponse>` };
  }
  const groups = r.body.includes('AutoScalingGroupNames.member.1=missing') ? '' : `<member><Instances><member><HealthStatus>Healthy as ${r.key}</HealthStatus><LifecycleState>InService</LifecycleState></member></Instances></member>`;
  return { body: `<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeAutoScalingGroupsResult><AutoScalingGroups>${groups}</AutoScalingGroups></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>` };
});
/** What the stand-in was asked: the signing key, the service and region of the signature, the request. */
const awsCalls = () => aws.seen.map((r) => ({ key: r.key, scope: `${r.region}/${r.service}`, request: r.service === 'route53' ? `${r.method} ${r.url}` : r.body }));
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
  beforeAll(async () => {
    // The SDK's own setting for where every service's requests go.
    process.env.AWS_ENDPOINT_URL = await aws.start();
    process.env.PATH = `${dir}${delimiter}${process.env.PATH}`;
    // The job is logged in to global (333…); the workflow handed over a read-only session for the canary's 444….
    process.env.AWS_ACCESS_KEY_ID = 'job-key';
    process.env.AWS_SECRET_ACCESS_KEY = 'job-secret';
    process.env.KORE_AWS_444444444444_ACCESS_KEY_ID = 'canary-key';
    process.env.KORE_AWS_444444444444_SECRET_ACCESS_KEY = 'canary-secret';
    process.env.KORE_AWS_444444444444_SESSION_TOKEN = 'canary-token';
  });
  afterAll(async () => {
    process.env = saved;
    await aws.stop();
  });

  it('reads an Auto Scaling group in its own account: the handed-over session there, the job’s own elsewhere', async () => {
    expect(await realProbes.groupInstances('us-east-1', 'kore-prod-use1-billing', '444444444444')).toEqual([{ health: 'Healthy as canary-key', lifecycle: 'InService' }]);
    expect(await realProbes.groupInstances('us-east-1', 'kore-prod-use1-billing', '333333333333')).toEqual([{ health: 'Healthy as job-key', lifecycle: 'InService' }]);
    expect(await realProbes.groupInstances('us-east-1', 'missing', '444444444444')).toBeUndefined();
    expect(awsCalls().at(-1)).toEqual({ key: 'canary-key', scope: 'us-east-1/autoscaling', request: expect.stringMatching(/^Action=DescribeAutoScalingGroups&.*AutoScalingGroupNames\.member\.1=missing/) });
  });

  it('reads Route53 health checks in the account the check names (us-east-1, Route53’s region)', async () => {
    aws.seen.length = 0;
    expect(await realProbes.route53Statuses('hc-1', '444444444444')).toEqual(['Success: as canary-key']);
    expect(await realProbes.route53Statuses('hc-1', '333333333333')).toEqual(['Success: as job-key']);
    expect(awsCalls().map((c) => [c.scope, c.request])).toEqual([
      ['us-east-1/route53', 'GET /2013-04-01/healthcheck/hc-1/status'],
      ['us-east-1/route53', 'GET /2013-04-01/healthcheck/hc-1/status'],
    ]);
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
