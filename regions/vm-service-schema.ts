import { z } from 'zod';

/*
 * The catalogue's `vmServices` of a region entry: services that still run on VMs, declared like the rest of the
 * region and rolled out with it. Checks that need the entry's cloud or its names are in vm-service-checks.ts.
 */

const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

const image = z.union(
  [
    z.strictObject({ ami: z.string().regex(/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/, 'an AMI id like ami-0123456789abcdef0') }),
    z.strictObject({ amiName: z.string().min(1), owners: z.array(z.string().min(1)).min(1, 'name the AMI owners (an account id, "amazon", "self")') }),
    z.strictObject({ publisher: z.string().min(1), offer: z.string().min(1), sku: z.string().min(1), version: z.string().min(1) }),
    z.strictObject({ galleryImageVersionId: z.string().regex(/^\/[sS]ubscriptions\/[^/]+\/[rR]esource[gG]roups\/[^/]+\/providers\/Microsoft\.Compute\/galleries\/[^/]+\/images\/[^/]+\/versions\/[^/]+$/, 'a Shared Gallery image version resource id') }),
  ],
  { error: 'an image: {"ami"}, {"amiName", "owners"} (AWS), {"publisher", "offer", "sku", "version"} or {"galleryImageVersionId"} (Azure)' },
);

const port = z.number().int().min(1).max(65_535);

export const vmServiceSchema = z.strictObject({
  name: z.string().regex(NAME, 'VM service name must be lowercase letters, digits and dashes, starting with a letter and ending alphanumeric').max(24),
  image,
  /** Instance type (AWS) or VM size (Azure). */
  size: z.string().min(1),
  capacity: z.strictObject({ min: z.number().int().min(0), desired: z.number().int().min(0), max: z.number().int().min(1) }),
  ports: z.array(port).min(1, 'at least one port'),
  healthCheck: z.strictObject({ path: z.string().regex(/^\/\S*$/, 'an HTTP path starting with /'), port: port.optional() }),
  subnetTier: z.string().default('private'),
  tags: z.record(z.string(), z.string()).default({}),
  /** Root volume size in GiB. @default 30 */
  rootVolumeGb: z.number().int().min(8).max(16_384).optional(),
  dataVolumes: z.array(z.strictObject({ sizeGb: z.number().int().min(1).max(16_384) })).default([]),
  /** Azure only: the public half of an offline break-glass key (Azure requires one; day-to-day login is Entra ID). */
  breakGlassSshPublicKey: z.string().regex(/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+( .*)?$/, 'an OpenSSH public key (ssh-ed25519 AAAA… or ssh-rsa AAAA…)').optional(),
});

export type VmServiceSpec = z.infer<typeof vmServiceSchema>;
