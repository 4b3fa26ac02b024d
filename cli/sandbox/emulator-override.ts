import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_SERVICES } from '../../lib/providers/aws-provider';

/** The file Terraform merges over a synthesized stack (`*_override.tf.json`), so nothing synthesized is edited. */
export const EMULATOR_OVERRIDE_FILE = 'zz_emulator_override.tf.json';

export interface EmulatorOverrideOptions {
  /** The emulator's base URL (loopback). */
  readonly endpoint: string;
  /** The role each AWS account is entered through (what CI's plan identity is): `arn:aws:iam::<account>:role/…`. */
  readonly roleArnOf: (account: string) => string;
  /**
   * The role state buckets are read through.
   * @default roleArnOf
   */
  readonly stateRoleArnOf?: (account: string) => string;
  /** The account a state bucket lives in. */
  readonly accountOfBucket: (bucket: string) => string;
  /**
   * Remote states the emulator cannot serve (an azurerm backend), read instead from an object in the emulator's S3:
   * data source name → where its stand-in state lies.
   * @default {}
   */
  readonly standIns?: Readonly<Record<string, { readonly bucket: string; readonly key: string; readonly region: string }>>;
}

const endpointsFor = (url: string) => Object.fromEntries(SANDBOX_SERVICES.map((s) => [s, url]));

/** What an S3 backend or remote-state config needs to talk to the emulator as the bucket's account. */
function s3Emulated(config: Record<string, unknown>, o: EmulatorOverrideOptions): Record<string, unknown> {
  const bucket = String(config.bucket);
  return {
    ...config,
    endpoints: { s3: o.endpoint, dynamodb: o.endpoint, iam: o.endpoint, sts: o.endpoint },
    use_path_style: true,
    insecure: true,
    skip_metadata_api_check: true,
    assume_role: { role_arn: (o.stateRoleArnOf ?? o.roleArnOf)(o.accountOfBucket(bucket)) },
  };
}

/**
 * An override that points a synthesized stack — unchanged, every feature on — at a local AWS emulator: every AWS
 * provider (each alias) gets the emulator's endpoints and enters its pinned account through a role, as CI does, so
 * `allowed_account_ids` still holds; the S3 backend and S3 remote states go to the emulator in the bucket's
 * account. Applied at plan time as a Terraform override file, never synthesized into the stack.
 */
/** The parts of a synthesized stack the override reads. */
export interface SynthesizedStackJson {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly assume_role?: unknown; readonly allowed_account_ids?: readonly string[] }[] };
  readonly terraform?: { readonly backend?: { readonly s3?: { readonly bucket: string; readonly key: string; readonly region: string } } };
  readonly data?: { readonly terraform_remote_state?: Record<string, { readonly backend: string; readonly config: Record<string, unknown> }> };
}

export function emulatorOverride(stack: SynthesizedStackJson, o: EmulatorOverrideOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const providers = stack.provider?.aws ?? [];
  if (providers.length > 0) {
    out.provider = {
      aws: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        endpoints: [endpointsFor(o.endpoint)],
        s3_use_path_style: true,
        skip_metadata_api_check: 'true',
        // The emulator's certificate is self-signed; it listens on loopback only.
        insecure: true,
        // A provider that already enters an account through a role (bootstrap) keeps its own.
        ...(p.assume_role ? {} : p.allowed_account_ids ? { assume_role: [{ role_arn: o.roleArnOf(p.allowed_account_ids[0]), session_name: 'kore-emulator' }] } : {}),
      })),
    };
  }
  const s3 = stack.terraform?.backend?.s3;
  if (s3) out.terraform = { backend: { s3: s3Emulated(s3, o) } };
  const remote = stack.data?.terraform_remote_state;
  if (remote) {
    const data: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(remote)) {
      const standIn = o.standIns?.[name];
      if (standIn) data[name] = { backend: 's3', config: s3Emulated({ ...standIn, encrypt: true }, o) };
      else if (r.backend === 's3') data[name] = { config: s3Emulated(r.config, o) };
    }
    if (Object.keys(data).length > 0) out.data = { terraform_remote_state: data };
  }
  return out;
}

/** Writes the override into a stack directory (next to cdk.tf.json). */
export function writeEmulatorOverride(stackDir: string, stack: SynthesizedStackJson, o: EmulatorOverrideOptions): void {
  writeFileSync(join(stackDir, EMULATOR_OVERRIDE_FILE), `${JSON.stringify(emulatorOverride(stack, o), null, 2)}\n`);
}
