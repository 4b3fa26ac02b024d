import { Rule, verdict } from '../../rule';

/** PostgreSQL administrator password kept in Terraform state. */
export const postgresPasswordWriteOnly: Rule = {
  id: 'AZ-PG-003',
  level: 'error',
  appliesTo: ['azurerm_postgresql_flexible_server'],
  message: "PostgreSQL administrator password kept in Terraform state",
  why: "`administrator_password_wo` sets the password without storing it in state or plans.",
  link: "https://developer.hashicorp.com/terraform/language/resources/ephemeral/write-only",
  check: (r) => verdict(r.config.administrator_password === undefined),
};
