/** Terraform stack name of an entry: `<environment>-<region>`. Part of the state key: never change it. */
export function stackNameOf(entry: { environment: string; region: string }): string {
  return `${entry.environment}-${entry.region}`;
}

/** The stack of an entry's in-cluster layer: `<environment>-<region>-platform`, its own state key. */
export function platformStackNameOf(entry: { environment: string; region: string }): string {
  return `${stackNameOf(entry)}-platform`;
}

/** Access grant names the catalogue reserves for the CI identities. */
export const CI_GRANTS = { plan: 'ci-plan', apply: 'ci-apply' } as const;

/** The AWS bootstrap stack; its Azure twin is `bootstrap-azure` (other credentials, other provider). */
export const BOOTSTRAP_STACK_NAME = 'bootstrap';
export const AZURE_BOOTSTRAP_STACK_NAME = 'bootstrap-azure';

/** The stack of the fleet's global resources (the parent DNS zone, latency records), applied after every region. */
export const GLOBAL_STACK_NAME = 'global';
