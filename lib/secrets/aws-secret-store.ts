import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ISecretStore, SecretRef } from './secret-store';

/** Secrets Manager in the stack's account and region. */
export class AwsSecretStore extends Construct implements ISecretStore {
  public readonly cloud = 'aws' as const;

  public secretValue(key: string, ref: SecretRef): string {
    const version = new DataAwsSecretsmanagerSecretVersion(this, `Secret-${key}`, { secretId: ref.name });
    return ref.property ? Fn.lookup(Fn.jsondecode(version.secretString), ref.property) : version.secretString;
  }
}
