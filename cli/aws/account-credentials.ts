/**
 * Credentials of one AWS account beside the job's own, for a process that reads several accounts at once (the
 * rollout's health gate: Route53 health checks in the global account, a canary's VM groups in the canary's). The
 * workflow logs in to each extra account with its read-only role, keeps that session out of the job's environment
 * (`output-env-credentials: false`) and hands it to the one step that needs it under these names.
 */
export function accountCredentialVariables(account: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  const prefix = `KORE_AWS_${account}`;
  return { accessKeyId: `${prefix}_ACCESS_KEY_ID`, secretAccessKey: `${prefix}_SECRET_ACCESS_KEY`, sessionToken: `${prefix}_SESSION_TOKEN` };
}

/**
 * The environment an `aws` call into `account` runs with: that account's session when the job was given one, else
 * nothing added (the job's own credentials, which then are that account's: one-account fleets, local runs).
 */
export function accountEnvironment(account: string | undefined, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!account) return {};
  const names = accountCredentialVariables(account);
  const accessKeyId = env[names.accessKeyId];
  if (!accessKeyId) return {};
  // A profile or web identity from the job would win over the keys in the CLI's resolution order: unset them.
  return {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: env[names.secretAccessKey] ?? '',
    AWS_SESSION_TOKEN: env[names.sessionToken] ?? '',
    AWS_PROFILE: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ROLE_ARN: undefined,
  };
}
