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
