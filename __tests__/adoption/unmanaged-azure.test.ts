import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsApi } from '../../cli/aws/aws-api';
import type { AzureApi } from '../../cli/azure/az-cli';
import { listStacks } from '../../cli/stacks';
import type { TerraformRunner } from '../../cli/terraform';
import { addManagedState, emptyManagedSet } from '../../cli/unmanaged/managed-state';
import { runUnmanagedScan } from '../../cli/unmanaged/run-unmanaged';
import { scanUnmanagedAzure } from '../../cli/unmanaged/scan-azure';
import { defaultCatalogue } from '../../regions/catalogue';
import { pulledState, StateFixture, stateInstances } from '../support/pulled-state';

const SUB = '00000000-0000-0000-0000-00000000aaaa';
const RG = `/subscriptions/${SUB}/resourceGroups/kore-prod-weu`;
const NODE_RG = `/subscriptions/${SUB}/resourceGroups/MC_kore-prod-weu_kore_westeurope`;
const NSG = `${RG}/providers/Microsoft.Network/networkSecurityGroups/kore-nodes`;

/** An Azure infrastructure state, as the azurerm provider writes ids (mixed case). */
const stateFixture: StateFixture[] = [
  { type: 'azurerm_resource_group', attributes: { id: RG, name: 'kore-prod-weu' } },
  { type: 'azurerm_kubernetes_cluster', attributes: { id: `${RG}/providers/Microsoft.ContainerService/managedClusters/kore`, node_resource_group: 'MC_kore-prod-weu_kore_westeurope' } },
  { type: 'azurerm_network_security_group', name: 'Nodes', attributes: { id: NSG, security_rule: [{ name: 'allow-https-in' }] } },
  { type: 'azurerm_storage_account', attributes: { id: `${RG}/providers/Microsoft.Storage/storageAccounts/korefilestore` } },
  { type: 'azurerm_role_assignment', attributes: { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/11111111-0000-0000-0000-000000000001` } },
  { type: 'azurerm_key_vault', mode: 'data', attributes: { id: `${RG}/providers/Microsoft.KeyVault/vaults/not-managed-here` } },
];

/** Resource Graph as Azure answers (in `subscription`), lower-cased where Azure lower-cases; queries recorded. */
function fakeGraph(queries: string[], subscription = SUB): AzureApi {
  return {
    async graph<T>(query: string): Promise<T[]> {
      queries.push(query);
      const rows: unknown[] = query.startsWith('ResourceContainers')
        ? [{ id: `/subscriptions/${SUB}/resourceGroups/kore-scratch`, name: 'kore-scratch', type: 'microsoft.resources/subscriptions/resourcegroups', resourceGroup: 'kore-scratch', location: 'westeurope', tags: { 'kore-region': 'prod-westeurope' } }]
        : query.startsWith('Resources')
          ? [
              { id: NSG.toLowerCase(), name: 'kore-nodes', type: 'microsoft.network/networksecuritygroups', resourceGroup: 'kore-prod-weu', location: 'westeurope', rules: [
                { id: `${NSG}/securityRules/allow-https-in`, name: 'allow-https-in', properties: { direction: 'Inbound', access: 'Allow', destinationPortRange: '443', sourceAddressPrefix: 'Internet' } },
                { id: `${NSG}/securityRules/ssh-debug`, name: 'ssh-debug', properties: { direction: 'Inbound', access: 'Allow', destinationPortRange: '22', sourceAddressPrefix: '*' } },
              ] },
              { id: `${RG}/providers/Microsoft.Storage/storageAccounts/korefilestore`, name: 'korefilestore', type: 'microsoft.storage/storageaccounts', resourceGroup: 'kore-prod-weu', location: 'westeurope', rules: null },
              { id: `${RG}/providers/Microsoft.Storage/storageAccounts/handmade`, name: 'handmade', type: 'microsoft.storage/storageaccounts', resourceGroup: 'kore-prod-weu', location: 'westeurope' },
              { id: `${RG}/providers/Microsoft.Network/networkInterfaces/pe-vault.nic.1234`, name: 'pe-vault.nic.1234', type: 'microsoft.network/networkinterfaces', resourceGroup: 'kore-prod-weu', location: 'westeurope', owner: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-vault` },
              { id: `${NODE_RG}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-system`, name: 'aks-system', type: 'microsoft.compute/virtualmachinescalesets', resourceGroup: 'MC_kore-prod-weu_kore_westeurope', location: 'westeurope', tags: { 'kore-region': 'prod-westeurope' } },
              { id: `/subscriptions/${SUB}/resourceGroups/other/providers/Microsoft.Network/publicIPAddresses/tagged`, name: 'tagged', type: 'microsoft.network/publicipaddresses', resourceGroup: 'other', location: 'westeurope', tags: { 'kore-region': 'prod-westeurope' } },
            ]
          : query.includes('roleassignments')
            ? [
                { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/11111111-0000-0000-0000-000000000001`, scope: RG, principalId: 'p-managed', roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c` },
                { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/22222222-0000-0000-0000-000000000002`, scope: RG, principalId: 'p-hand', roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635` },
                { id: `${NODE_RG}/providers/Microsoft.Authorization/roleAssignments/33333333-0000-0000-0000-000000000003`, scope: NODE_RG, principalId: 'p-aks', roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830` },
                { id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/44444444-0000-0000-0000-000000000004`, scope: `/subscriptions/${SUB}`, principalId: 'p-sub', roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7` },
              ]
            : [{ id: '/providers/Microsoft.Authorization/RoleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635', roleName: 'Owner' }];
      return JSON.parse(JSON.stringify(rows).split(SUB).join(subscription)) as T[];
    },
  };
}

describe('unmanaged scan on Azure (Resource Graph, compared with the azurerm states)', () => {
  const managed = emptyManagedSet();
  addManagedState(stateInstances(stateFixture), managed);
  const target = { subscription: SUB, region: 'westeurope', fleetTagKey: 'kore-region', includeGlobal: true };

  it('reports hand-made fleet resources, rules and role assignments; nothing managed, AKS-made or Azure-owned', async () => {
    const found = await scanUnmanagedAzure(fakeGraph([]), target, managed);
    expect(found.map((f) => [f.kind, f.id]).sort()).toEqual([
      ['azure-resource', `${RG}/providers/Microsoft.Storage/storageAccounts/handmade`.toLowerCase()],
      ['azure-resource', `/subscriptions/${SUB}/resourceGroups/kore-scratch`.toLowerCase()],
      ['azure-resource', `/subscriptions/${SUB}/resourceGroups/other/providers/Microsoft.Network/publicIPAddresses/tagged`.toLowerCase()],
      ['nsg-rule', `${NSG}/securityRules/ssh-debug`.toLowerCase()],
      ['role-assignment', `${RG}/providers/Microsoft.Authorization/roleAssignments/22222222-0000-0000-0000-000000000002`.toLowerCase()],
    ]);
    const byKind = Object.fromEntries(found.map((f) => [f.kind === 'azure-resource' ? f.id.split('/').pop() : f.kind, f.detail]));
    expect(byKind['handmade']).toBe('microsoft.storage/storageaccounts "handmade" in fleet resource group kore-prod-weu, in no state');
    expect(byKind['tagged']).toBe('microsoft.network/publicipaddresses "tagged" tagged kore-region=prod-westeurope, in no state');
    expect(byKind['nsg-rule']).toBe('rule "ssh-debug" (Inbound Allow port 22 from *) on managed group kore-nodes, declared nowhere');
    expect(byKind['role-assignment']).toBe(`Owner granted to principal p-hand on managed scope ${RG}, declared nowhere`);
    expect(found.every((f) => f.account === SUB && f.region === 'westeurope')).toBe(true);
  });

  it('asks Resource Graph for the fleet only: its location, its tag, its managed resource groups', async () => {
    const queries: string[] = [];
    await scanUnmanagedAzure(fakeGraph(queries), { ...target, includeGlobal: false }, managed);
    const resources = queries.find((q) => q.startsWith('Resources'));
    expect(resources).toContain("where location =~ 'westeurope' |");
    expect(resources).toContain("isnotempty(tags['kore-region']) or resourceGroup in~ ('kore-prod-weu')");
    // Role assignments are not regional: read once per subscription, with the target that includes global things.
    expect(queries.some((q) => q.includes('roleassignments'))).toBe(false);
    expect(queries.filter((q) => q.startsWith('ResourceContainers'))).toHaveLength(1);
  });

  it('scans the Azure entry of a catalogue with its subscription, from the states of that subscription', async () => {
    const catalogue = defaultCatalogue();
    const stacks = listStacks(catalogue);
    const infra = stacks.find((s) => s.cloud === 'azure' && s.layer === 'infrastructure');
    if (!infra || infra.credentials.cloud !== 'azure') throw new Error('the default catalogue has an Azure infrastructure stack');
    const subscription = infra.credentials.subscriptionId;
    const pulled: string[] = [];
    const runner: TerraformRunner = {
      async run(args, options) {
        const pull = args.join(' ') === 'state pull';
        if (pull) pulled.push(options.cwd);
        return { code: 0, stdout: pull ? pulledState(stateFixture).split(SUB).join(subscription) : '', stderr: '', timedOut: false, durationMs: 1 };
      },
    };
    const aws: AwsApi = { call: () => Promise.reject(new Error('no AWS call expected')) };
    // The configuration sets the group's rules inline: the rule in state is managed, not hand-made.
    const outdir = mkdtempSync(join(tmpdir(), 'kore-unmanaged-azure-'));
    mkdirSync(join(outdir, 'stacks', infra.stack), { recursive: true });
    writeFileSync(join(outdir, 'stacks', infra.stack, 'cdk.tf.json'), JSON.stringify({ resource: { azurerm_network_security_group: { Nodes: { security_rule: [{ name: 'allow-https-in' }] } } } }));
    const report = await runUnmanagedScan({ catalogue, stacks, selected: [infra.stack], outdir, runner, api: aws, azure: fakeGraph([], subscription), ignores: [], log: () => {} });
    expect(report.errors).toEqual([]);
    expect(report.scanned).toEqual([{ account: subscription, region: infra.region }]);
    expect(pulled.sort()).toEqual(stacks.filter((s) => s.cloud === 'azure' && s.layer !== 'bootstrap').map((s) => join(outdir, 'stacks', s.stack)).sort());
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['azure-resource', 'azure-resource', 'azure-resource', 'nsg-rule', 'role-assignment']);
    expect(report.findings.every((f) => f.account === subscription)).toBe(true);
  });
});
