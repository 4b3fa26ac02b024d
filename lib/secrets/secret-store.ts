import { IConstruct } from 'constructs';

/** Where one secret lives in the cloud's secret store: a Secrets Manager name/ARN or a Key Vault secret name. */
export interface SecretRef {
  readonly name: string;
  /**
   * A field of a JSON secret (RDS-managed master secrets hold `{"username", "password"}`).
   * @default - the whole secret value
   */
  readonly property?: string;
}

/** The cloud's secret store as the in-cluster layer reads it: Secrets Manager on AWS, Key Vault on Azure. */
export interface ISecretStore extends IConstruct {
  readonly cloud: 'aws' | 'azure';
  /** The value of a secret (a Terraform reference). `key` is a stable construct key. */
  secretValue(key: string, ref: SecretRef): string;
}
