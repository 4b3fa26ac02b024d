/** A stack's state in S3: a bucket per account and region, locked by the S3 lock file and/or a DynamoDB table. */
export interface S3StateConfig {
  readonly backend: 's3';
  readonly bucket: string;
  readonly region: string;
  /** @default - no DynamoDB table: the S3 lock file alone (Terraform ≥ 1.10) */
  readonly lockTable?: string;
  /** Terraform ≥ 1.10's native S3 lock file. */
  readonly useLockfile: boolean;
  /** State keys are `<keyPrefix>/<stack>.tfstate`. */
  readonly keyPrefix: string;
}

/** A stack's state in an Azure storage account container, reached with Entra ID (no account keys). */
export interface AzurermStateConfig {
  readonly backend: 'azurerm';
  readonly resourceGroup: string;
  readonly storageAccount: string;
  readonly container: string;
  /** @default - the region of the stack */
  readonly location?: string;
  /** @default [] */
  readonly allowedIpRanges?: readonly string[];
  readonly keyPrefix: string;
}

/** Where one stack keeps its Terraform state. */
export type StateConfig = S3StateConfig | AzurermStateConfig;
