import type { PulledInstance } from '../terraform-state';
/**
 * What the fleet's states hold, reduced to the identities the unmanaged scan compares with: resource ids, bucket
 * and role names, the policies attached to each role, and the rules and routes Terraform declared.
 */
export interface ManagedSet {
  readonly ids: Set<string>;
  /** `role|policyArn` of attachments Terraform made (separate resources or `managed_policy_arns`). */
  readonly attachments: Set<string>;
  /** `role|policyName` of inline policies. */
  readonly inlinePolicies: Set<string>;
  /** Keys of security-group rules (see `ruleKey`). */
  readonly rules: Set<string>;
  /** `routeTableId|destination` of routes. */
  readonly routes: Set<string>;
  /** Managed IAM role names. */
  readonly roles: Set<string>;
  /** Azure resource ids Terraform holds, lower-cased (ARM ids compare without case). */
  readonly azureIds: Set<string>;
  /** Ids of managed Azure resource groups, lower-cased. */
  readonly azureResourceGroups: Set<string>;
  /** Ids of the resource groups AKS fills by itself (`node_resource_group`), lower-cased: never reported. */
  readonly azureNodeResourceGroups: Set<string>;
}

export function emptyManagedSet(): ManagedSet {
  return { ids: new Set(), attachments: new Set(), inlinePolicies: new Set(), rules: new Set(), routes: new Set(), roles: new Set(), azureIds: new Set(), azureResourceGroups: new Set(), azureNodeResourceGroups: new Set() };
}

/** A security-group rule's identity: group, direction, protocol, ports, and one peer (CIDR, prefix list or group). */
export function ruleKey(groupId: string, egress: boolean, protocol: string, from: number | undefined, to: number | undefined, peer: string): string {
  const proto = protocol === '-1' || protocol === 'all' ? '-1' : protocol.toLowerCase();
  const ports = proto === '-1' ? '*' : `${from ?? '*'}-${to ?? '*'}`;
  return `${groupId}|${egress ? 'egress' : 'ingress'}|${proto}|${ports}|${peer}`;
}

/** A security-group rule as an `aws_security_group`'s `ingress`/`egress` blocks hold it. */
interface InlineRule {
  readonly protocol?: string;
  readonly from_port?: number;
  readonly to_port?: number;
  readonly cidr_blocks?: string[];
  readonly ipv6_cidr_blocks?: string[];
  readonly prefix_list_ids?: string[];
  readonly security_groups?: string[];
  readonly self?: boolean;
}

/** An `aws_route_table`'s inline route. */
interface InlineRoute {
  readonly cidr_block?: string;
  readonly ipv6_cidr_block?: string;
  readonly destination_prefix_list_id?: string;
}

/**
 * The attributes this scan reads, across the resource types it knows (a state resource's `values`); each one is
 * optional because each type has only some, and the state format leaves unset ones null.
 */
interface StateAttributes {
  readonly id?: string;
  readonly arn?: string;
  readonly bucket?: string;
  readonly name?: string;
  readonly role?: string;
  readonly policy_arn?: string;
  readonly managed_policy_arns?: string[];
  readonly inline_policy?: { readonly name?: string }[];
  readonly ingress?: InlineRule[];
  readonly egress?: InlineRule[];
  readonly type?: string;
  readonly security_group_id?: string;
  readonly source_security_group_id?: string | null;
  readonly self?: boolean;
  readonly protocol?: string;
  readonly from_port?: number | null;
  readonly to_port?: number | null;
  readonly cidr_blocks?: string[] | null;
  readonly ipv6_cidr_blocks?: string[] | null;
  readonly prefix_list_ids?: string[] | null;
  readonly ip_protocol?: string;
  readonly cidr_ipv4?: string | null;
  readonly cidr_ipv6?: string | null;
  readonly prefix_list_id?: string | null;
  readonly referenced_security_group_id?: string | null;
  readonly route_table_id?: string;
  readonly destination_cidr_block?: string | null;
  readonly destination_ipv6_cidr_block?: string | null;
  readonly destination_prefix_list_id?: string | null;
  readonly route?: InlineRoute[];
  readonly node_resource_group?: string;
  readonly node_resource_group_id?: string;
  readonly security_rule?: { readonly name?: string }[];
}

/**
 * Whether the configuration (the synthesized stack) sets an attribute of a resource, by state address. Attributes
 * that hold sub-objects Terraform also reads back when the configuration leaves them unset — a role's
 * `inline_policy` and `managed_policy_arns`, a route table's `route`, a security group's `ingress`/`egress`, a network
 * security group's `security_rule` — are refreshed into state after any apply, hand-made ones included; they count
 * as declared only when the configuration sets them (Terraform then manages them exclusively, and the drift check
 * sees a hand-made addition as drift).
 */
export type ConfiguredAttribute = (address: string, attribute: string) => boolean;

/** The attributes `ConfiguredAttribute` is asked about, per resource type. */
export const COMPUTED_COLLECTIONS: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ['inline_policy', 'managed_policy_arns'],
  aws_route_table: ['route'],
  aws_security_group: ['ingress', 'egress'],
  aws_default_security_group: ['ingress', 'egress'],
  azurerm_network_security_group: ['security_rule'],
};

/**
 * The managed resources of a state (`pulledInstances` of `terraform state pull`), added to `into`. Without
 * `configured`, every collection in state counts as declared (callers without the configuration).
 */
export function addManagedState(resources: readonly PulledInstance[], into: ManagedSet, configured: ConfiguredAttribute = () => true): void {
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    const declared = (attr: string) => configured(r.address, attr);
    const v = r.attributes as StateAttributes;
    if (typeof v.id === 'string') into.ids.add(v.id);
    if (typeof v.arn === 'string') into.ids.add(v.arn);
    if (r.type.startsWith('azurerm_')) {
      addAzure(r.type, v, into, declared('security_rule'));
      continue;
    }
    switch (r.type) {
      case 'aws_s3_bucket':
        if (v.bucket) into.ids.add(v.bucket);
        break;
      case 'aws_iam_role':
        if (!v.name) break;
        into.roles.add(v.name);
        if (declared('managed_policy_arns')) for (const arn of v.managed_policy_arns ?? []) into.attachments.add(`${v.name}|${arn}`);
        if (declared('inline_policy')) for (const p of v.inline_policy ?? []) if (p.name) into.inlinePolicies.add(`${v.name}|${p.name}`);
        break;
      case 'aws_iam_role_policy_attachment':
        into.attachments.add(`${v.role}|${v.policy_arn}`);
        break;
      case 'aws_iam_role_policy':
        into.inlinePolicies.add(`${v.role}|${v.name}`);
        break;
      case 'aws_security_group':
      case 'aws_default_security_group':
        for (const [dir, list] of [['ingress', v.ingress], ['egress', v.egress]] as const) {
          if (!v.id) break;
          if (!declared(dir)) continue;
          for (const rule of list ?? []) {
            for (const peer of [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? []), ...(rule.prefix_list_ids ?? []), ...(rule.security_groups ?? []), ...(rule.self ? [v.id] : [])]) {
              into.rules.add(ruleKey(v.id, dir === 'egress', String(rule.protocol), rule.from_port, rule.to_port, peer));
            }
          }
        }
        break;
      case 'aws_security_group_rule':
        if (!v.security_group_id) break;
        for (const peer of [...(v.cidr_blocks ?? []), ...(v.ipv6_cidr_blocks ?? []), ...(v.prefix_list_ids ?? []), ...(v.source_security_group_id ? [v.source_security_group_id] : []), ...(v.self ? [v.security_group_id] : [])]) {
          into.rules.add(ruleKey(v.security_group_id, v.type === 'egress', String(v.protocol), v.from_port ?? undefined, v.to_port ?? undefined, peer));
        }
        break;
      case 'aws_vpc_security_group_ingress_rule':
      case 'aws_vpc_security_group_egress_rule': {
        const peer = v.cidr_ipv4 ?? v.cidr_ipv6 ?? v.prefix_list_id ?? v.referenced_security_group_id;
        if (!v.security_group_id || !peer) break;
        into.rules.add(ruleKey(v.security_group_id, r.type.endsWith('egress_rule'), String(v.ip_protocol), v.from_port ?? undefined, v.to_port ?? undefined, peer));
        break;
      }
      case 'aws_route':
        into.routes.add(`${v.route_table_id}|${v.destination_cidr_block || v.destination_ipv6_cidr_block || v.destination_prefix_list_id}`);
        break;
      case 'aws_route_table':
        if (declared('route')) for (const route of v.route ?? []) into.routes.add(`${v.id}|${route.cidr_block || route.ipv6_cidr_block || route.destination_prefix_list_id}`);
        break;
      default:
        break;
    }
  }
}

/** An Azure resource of a state: its id, and what the Azure scan needs beyond ids. */
function addAzure(type: string, v: StateAttributes, into: ManagedSet, rulesDeclared: boolean): void {
  const id = v.id?.toLowerCase();
  if (!id) return;
  into.azureIds.add(id);
  if (type === 'azurerm_resource_group') into.azureResourceGroups.add(id);
  if (type === 'azurerm_kubernetes_cluster') {
    const sub = /^\/subscriptions\/[^/]+/.exec(id)?.[0];
    const nodeGroup = v.node_resource_group_id ?? (sub && v.node_resource_group ? `${sub}/resourcegroups/${v.node_resource_group}` : undefined);
    if (nodeGroup) into.azureNodeResourceGroups.add(nodeGroup.toLowerCase());
  }
  // Inline rules of a network security group are sub-resources with ids of their own.
  if (type === 'azurerm_network_security_group' && rulesDeclared) for (const rule of v.security_rule ?? []) if (rule.name) into.rules.add(`${id}/securityrules/${rule.name.toLowerCase()}`);
}
