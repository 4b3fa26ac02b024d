import { AzurermBackend, S3Backend, TerraformStack } from 'cdktf';
import type { StateSpec } from '../../regions/schema';
import type { AwsSandboxEndpoint } from '../providers/aws-provider';

export interface RemoteStateProps {
  /** Where the state lives, from the catalogue. */
  readonly state: StateSpec;
  /** The stack name; the state key is `<keyPrefix>/<stackName>.tfstate`, one per stack. */
  readonly stackName: string;
  /**
   * Azure subscription of the state store (azurerm backend only).
   * @default - the backend's ambient subscription
   */
  readonly subscriptionId?: string;
  /**
   * Point the S3 backend at an emulator.
   * @default - real AWS
   */
  readonly sandbox?: AwsSandboxEndpoint;
}

/** The state key of a stack, stable for the life of the stack. */
export function stateKey(state: StateSpec, stackName: string): string {
  return `${state.keyPrefix}/${stackName}.tfstate`;
}

/** Configures a stack's remote, locked, encrypted state from its catalogue entry. */
export function configureRemoteState(stack: TerraformStack, props: RemoteStateProps): void {
  const { state, sandbox } = props;
  const key = stateKey(state, props.stackName);
  if (state.backend === 's3') {
    new S3Backend(stack, {
      bucket: state.bucket,
      key,
      region: state.region,
      encrypt: true,
      dynamodbTable: state.lockTable,
      ...(sandbox
        ? {
            endpoints: { s3: sandbox.url, dynamodb: sandbox.url, iam: sandbox.url, sts: sandbox.url },
            usePathStyle: true,
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: true,
            skipRegionValidation: true,
            // The emulator's certificate is self-signed; endpoints are loopback-only (enforced by the schema).
            insecure: true,
          }
        : {}),
    });
    // cdktf 0.21's S3BackendConfig predates Terraform 1.10's native S3 lock file, so it is set as an override.
    if (state.useLockfile) stack.addOverride('terraform.backend.s3.use_lockfile', true);
    return;
  }
  new AzurermBackend(stack, {
    resourceGroupName: state.resourceGroup,
    storageAccountName: state.storageAccount,
    containerName: state.container,
    key,
    subscriptionId: props.subscriptionId,
    // Entra ID auth to the blob API: no storage account keys in pipelines.
    useAzureadAuth: true,
  });
}
