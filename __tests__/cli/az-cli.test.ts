import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { armList } from '../../cli/azure/az-cli';

/*
 * The az CLI as the gate runs it, through a fake `az` on PATH that answers like `az rest`: pages joined by
 * `nextLink`, Resource Manager's 404 read as "no such thing", any other failure one line naming the call.
 */
const dir = mkdtempSync(join(tmpdir(), 'fake-az-'));
const calls = join(dir, 'calls');
const SET = '/subscriptions/s-1/resourceGroups/kore-prod-weu-billing/providers/Microsoft.Compute/virtualMachineScaleSets/kore-prod-weu-billing/virtualMachines';
const vm = (health: string, power: string) => ({ properties: { instanceView: { vmHealth: { status: { code: health } }, statuses: [{ code: 'ProvisioningState/succeeded' }, { code: power }] } } });
writeFileSync(
  join(dir, 'az'),
  `#!/bin/sh
# az rest --method get --url URL --output json
echo "$*" >> '${calls}'
case "$5" in
  *missing*) echo 'ERROR: Not Found({"error":{"code":"ResourceGroupNotFound","message":"Resource group missing could not be found."}})' >&2; exit 1 ;;
  *page=2*) echo '${JSON.stringify({ value: [vm('HealthState/unhealthy', 'PowerState/running')] })}' ;;
  *kore-prod-weu-billing/virtualMachines*) echo '${JSON.stringify({ value: [vm('HealthState/healthy', 'PowerState/running'), vm('HealthState/healthy', 'PowerState/deallocated')], nextLink: `https://management.azure.com${SET}?page=2` })}' ;;
  *) echo 'ERROR: (AuthorizationFailed) The client does not have authorization' >&2; echo 'Code: AuthorizationFailed' >&2; exit 1 ;;
esac
`,
);
chmodSync(join(dir, 'az'), 0o755);
const env = { PATH: `${dir}${delimiter}${process.env.PATH}` };

describe('armList (az rest on Resource Manager)', () => {
  it('follows nextLink to the last page', async () => {
    writeFileSync(calls, '');
    const items = await armList<unknown>(`${SET}?api-version=2024-07-01`, env);
    expect(items).toHaveLength(3);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      `rest --method get --url https://management.azure.com${SET}?api-version=2024-07-01 --output json`,
      `rest --method get --url https://management.azure.com${SET}?page=2 --output json`,
    ]);
  });

  it('answers undefined for what does not exist, and fails in one line naming the call otherwise', async () => {
    await expect(armList('/subscriptions/s-1/resourceGroups/missing/providers/x?api-version=1', env)).resolves.toBeUndefined();
    await expect(armList('/subscriptions/s-1/resourceGroups/other/providers/x?api-version=1', env)).rejects.toThrow(
      /^az rest \(\/subscriptions\/s-1\/resourceGroups\/other\/providers\/x\): Code: AuthorizationFailed$/,
    );
  });
});
