import type { AzureApi } from '../azure/az-cli';
import type { ManagedSet } from './managed-state';
import type { UnmanagedFinding, UnmanagedKind } from './scan';

export interface AzureScanTarget {
  readonly subscription: string;
  /** Azure location of the region entry (`westeurope`). */
  readonly region: string;
  /** The tag key every fleet resource carries (the region entry's id as value). */
  readonly fleetTagKey: string;
  /** Scan what is not regional (location `global`, role assignments) from this target: once per subscription. */
  readonly includeGlobal: boolean;
}

interface ResourceRow {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly tags?: Record<string, string> | null;
  readonly rules?: { readonly id?: string; readonly name?: string; readonly properties?: NsgRuleProperties }[] | null;
  /** The resource Azure made this one for (a private endpoint's NIC, a VM's disk): not Terraform's to hold. */
  readonly owner?: string | null;
}

interface NsgRuleProperties {
  readonly direction?: string;
  readonly access?: string;
  readonly destinationPortRange?: string;
  readonly sourceAddressPrefix?: string;
}

interface RoleAssignmentRow {
  readonly id: string;
  readonly scope: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
}

interface RoleDefinitionRow {
  readonly id: string;
  readonly roleName: string;
}

/** KQL string literal (single quotes doubled). */
const kql = (s: string) => `'${s.replace(/'/g, "''")}'`;
const lower = (s: string | undefined | null) => (s ?? '').toLowerCase();
const last = (id: string) => id.split('/').pop() ?? id;

/**
 * One subscription and location of the fleet, compared with what the fleet's Azure states hold (the Azure half of
 * the unmanaged scan, through Resource Graph). Fleet resources are those carrying the fleet's tag or sitting in a
 * resource group a state manages; reported: those no state holds, rules added by hand to managed network security
 * groups, and role assignments made by hand on managed scopes (the Azure form of a policy attached to a fleet role).
 * Left alone: the node resource group AKS fills by itself, what Azure makes for another resource (`managedBy`, a
 * private endpoint's network interface), and everything outside the fleet.
 */
export async function scanUnmanagedAzure(api: AzureApi, t: AzureScanTarget, managed: ManagedSet): Promise<UnmanagedFinding[]> {
  const out: UnmanagedFinding[] = [];
  const report = (kind: UnmanagedKind, id: string, detail: string) => out.push({ account: t.subscription, region: t.region, kind, id, detail });
  const groupIdOf = (resourceGroup: string) => `/subscriptions/${lower(t.subscription)}/resourcegroups/${lower(resourceGroup)}`;
  const byAks = (resourceGroup: string) => managed.azureNodeResourceGroups.has(groupIdOf(resourceGroup));
  const managedGroupNames = [...managed.azureResourceGroups].filter((g) => g.startsWith(`/subscriptions/${lower(t.subscription)}/`)).map(last);
  const tag = `tags[${kql(t.fleetTagKey)}]`;
  const where = `location =~ ${kql(t.region)}${t.includeGlobal ? " or location =~ 'global'" : ''}`;
  const inFleet = `isnotempty(${tag})${managedGroupNames.length ? ` or resourceGroup in~ (${managedGroupNames.map(kql).join(', ')})` : ''}`;

  const resources = await api.graph<ResourceRow>(`Resources | where ${where} | where ${inFleet} | project id, name, type, resourceGroup, location, tags, rules = properties.securityRules, owner = coalesce(tostring(managedBy), tostring(properties.privateEndpoint.id))`, t.subscription);
  const groups = await api.graph<ResourceRow>(
    `ResourceContainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' | where location =~ ${kql(t.region)} | where isnotempty(${tag}) | project id, name, type, resourceGroup = name, location, tags`,
    t.subscription,
  );
  for (const r of [...groups, ...resources]) {
    const id = lower(r.id);
    if (byAks(r.resourceGroup) || r.owner) continue;
    const fleetTag = r.tags?.[t.fleetTagKey];
    if (!managed.azureIds.has(id)) {
      const why = fleetTag !== undefined ? `tagged ${t.fleetTagKey}=${fleetTag}` : `in fleet resource group ${r.resourceGroup}`;
      report('azure-resource', id, `${r.type} "${r.name}" ${why}, in no state`);
      continue;
    }
    for (const rule of lower(r.type) === 'microsoft.network/networksecuritygroups' ? (r.rules ?? []) : []) {
      const ruleId = lower(rule.id ?? `${id}/securityrules/${rule.name ?? ''}`);
      if (managed.rules.has(ruleId) || managed.azureIds.has(ruleId)) continue;
      const p = rule.properties ?? {};
      report('nsg-rule', ruleId, `rule "${rule.name}" (${p.direction ?? '?'} ${p.access ?? '?'} port ${p.destinationPortRange ?? '?'} from ${p.sourceAddressPrefix ?? '?'}) on managed group ${r.name}, declared nowhere`);
    }
  }

  if (t.includeGlobal) {
    // Scopes the fleet owns: its resource groups and every resource a state holds (AKS's node group excluded).
    const scopes = [...managed.azureResourceGroups, ...managed.azureIds].filter((s) => s.startsWith(`/subscriptions/${lower(t.subscription)}/`));
    const owned = (scope: string) => scopes.some((s) => scope === s || scope.startsWith(`${s}/`)) && ![...managed.azureNodeResourceGroups].some((g) => scope === g || scope.startsWith(`${g}/`));
    const assignments = await api.graph<RoleAssignmentRow>(
      "AuthorizationResources | where type =~ 'microsoft.authorization/roleassignments' | project id, scope = tostring(properties.scope), principalId = tostring(properties.principalId), roleDefinitionId = tostring(properties.roleDefinitionId)",
      t.subscription,
    );
    const stray = assignments.filter((a) => owned(lower(a.scope)) && !managed.azureIds.has(lower(a.id)));
    if (stray.length > 0) {
      const definitions = await api.graph<RoleDefinitionRow>("AuthorizationResources | where type =~ 'microsoft.authorization/roledefinitions' | project id, roleName = tostring(properties.roleName)", t.subscription);
      const roleName = new Map(definitions.map((d) => [lower(last(d.id)), d.roleName]));
      for (const a of stray) {
        const role = roleName.get(lower(last(a.roleDefinitionId))) ?? last(a.roleDefinitionId);
        report('role-assignment', lower(a.id), `${role} granted to principal ${a.principalId} on managed scope ${a.scope}, declared nowhere`);
      }
    }
  }
  return out;
}
