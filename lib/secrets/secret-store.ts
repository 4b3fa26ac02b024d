/** Where one secret lives in the cloud's secret store: a Secrets Manager name/ARN or a Key Vault secret name. */
export interface SecretRef {
  readonly name: string;
  /**
   * A field of a JSON secret (RDS-managed master secrets hold `{"username", "password"}`).
   * @default - the whole secret value
   */
  readonly property?: string;
}
