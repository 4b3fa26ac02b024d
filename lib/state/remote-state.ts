import { AzurermBackend, DataTerraformRemoteStateAzurerm, DataTerraformRemoteStateS3, S3Backend, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsSandboxEndpoint } from '../providers/aws-provider';
import type { StateConfig } from './state-spec';

export interface RemoteStateProps {
  /** Where the state lives, from the catalogue. */
  readonly state: StateConfig;
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
export function stateKey(state: StateConfig, stackName: string): string {
  return `${state.keyPrefix}/${stackName}.tfstate`;
}

/** S3 backend settings; the same for a stack's own backend and for another stack reading its state. */
function s3Settings(props: RemoteStateProps) {
  const { state, sandbox } = props;
  if (state.backend !== 's3') throw new Error('s3Settings: not an s3 state');
  return {
    bucket: state.bucket,
    key: stateKey(state, props.stackName),
    region: state.region,
    encrypt: true,
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
  };
}

function azurermSettings(props: RemoteStateProps) {
  const { state } = props;
  if (state.backend !== 'azurerm') throw new Error('azurermSettings: not an azurerm state');
  return {
    resourceGroupName: state.resourceGroup,
    storageAccountName: state.storageAccount,
    containerName: state.container,
    key: stateKey(state, props.stackName),
    subscriptionId: props.subscriptionId,
    // Entra ID auth to the blob API: no storage account keys in pipelines.
    useAzureadAuth: true,
  };
}

/** Configures a stack's remote, locked, encrypted state from its catalogue entry. */
export function configureRemoteState(stack: TerraformStack, props: RemoteStateProps): void {
  const { state } = props;
  if (state.backend === 's3') {
    new S3Backend(stack, { ...s3Settings(props), dynamodbTable: state.lockTable });
    // cdktf 0.21's S3BackendConfig predates Terraform 1.10's native S3 lock file, so it is set as an override.
    if (state.useLockfile) stack.addOverride('terraform.backend.s3.use_lockfile', true);
    return;
  }
  new AzurermBackend(stack, azurermSettings(props));
}

/**
 * Reads another stack's state (its outputs), configured exactly like that stack's backend. Used for explicit,
 * named outputs between the layers of a region; reading needs no lock.
 */
export function readRemoteState(scope: Construct, id: string, props: RemoteStateProps): TerraformRemoteState {
  return props.state.backend === 's3'
    ? new DataTerraformRemoteStateS3(scope, id, s3Settings(props))
    : new DataTerraformRemoteStateAzurerm(scope, id, azurermSettings(props));
}
