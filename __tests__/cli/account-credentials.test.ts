import { accountCredentialVariables, accountEnvironment } from '../../cli/aws/account-credentials';

describe('credentials of another AWS account (the gate reading each check in its own account)', () => {
  const env = {
    KORE_AWS_444444444444_ACCESS_KEY_ID: 'AKIA-canary',
    KORE_AWS_444444444444_SECRET_ACCESS_KEY: 'secret-canary',
    KORE_AWS_444444444444_SESSION_TOKEN: 'token-canary',
    AWS_ACCESS_KEY_ID: 'AKIA-global',
  };

  it("names an account's three variables after the account", () => {
    expect(accountCredentialVariables('444444444444')).toEqual({
      accessKeyId: 'KORE_AWS_444444444444_ACCESS_KEY_ID',
      secretAccessKey: 'KORE_AWS_444444444444_SECRET_ACCESS_KEY',
      sessionToken: 'KORE_AWS_444444444444_SESSION_TOKEN',
    });
  });

  it("calls into an account with its own session, and nothing that would win over it", () => {
    expect(accountEnvironment('444444444444', env)).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIA-canary',
      AWS_SECRET_ACCESS_KEY: 'secret-canary',
      AWS_SESSION_TOKEN: 'token-canary',
      AWS_PROFILE: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_ROLE_ARN: undefined,
    });
  });

  it("keeps the job's own credentials for an account it was given no session for", () => {
    expect(accountEnvironment('333333333333', env)).toEqual({});
    expect(accountEnvironment(undefined, env)).toEqual({});
  });
});
