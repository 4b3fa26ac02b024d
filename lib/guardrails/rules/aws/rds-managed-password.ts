import { Rule, verdict } from '../../rule';

/** RDS master password passed through Terraform. */
export const rdsManagedPassword: Rule = {
  id: 'AWS-RDS-003',
  level: 'error',
  appliesTo: ['aws_db_instance'],
  message: "RDS master password passed through Terraform",
  why: "A password in configuration lands in state and plans; RDS can create and rotate it in Secrets Manager instead.",
  link: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html",
  check: (r) => verdict(r.config.manage_master_user_password === true && r.config.password === undefined),
};
