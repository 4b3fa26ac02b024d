import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The AWS provider version @cdktf/provider-aws 20.1.0 was generated against; plans must use exactly this one. */
export const AWS_PROVIDER_VERSION = '5.100.0';
/** Environment variable naming a filesystem mirror directory explicitly. */
export const MIRROR_ENV = 'KORE_TF_PROVIDER_MIRROR';

const PROVIDER_DIR = join('registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION);

/** True when `dir` is a filesystem mirror (unpacked layout) holding hashicorp/aws at the pinned version. */
export function isAwsMirror(dir: string): boolean {
  const versionDir = join(dir, PROVIDER_DIR);
  if (!existsSync(versionDir)) return false;
  return readdirSync(versionDir).some((platform) => {
    const p = join(versionDir, platform);
    return statSync(p).isDirectory() && readdirSync(p).some((f) => f.startsWith('terraform-provider-aws'));
  });
}

/**
 * Finds a local mirror of hashicorp/aws: $KORE_TF_PROVIDER_MIRROR first, then Terraform's documented implied
 * local mirror directories, then a shallow look (two levels) under the usual roots for software images.
 * Returns undefined when there is none.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[MIRROR_ENV];
  if (explicit) return isAwsMirror(explicit) ? explicit : undefined;
  const home = env.HOME ?? homedir();
  const implied = [
    join(home, '.terraform.d', 'plugins'),
    join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  for (const dir of implied) if (isAwsMirror(dir)) return dir;
  for (const root of ['/opt', '/usr/local', '/srv', home]) {
    for (const dir of childDirs(root)) {
      if (isAwsMirror(dir)) return dir;
      for (const sub of childDirs(dir)) if (isAwsMirror(sub)) return sub;
    }
  }
  return undefined;
}

/** Like findProviderMirror, but a missing mirror is an error that says how to provide one. */
export function requireProviderMirror(env: NodeJS.ProcessEnv = process.env): string {
  const found = findProviderMirror(env);
  if (found) return found;
  const hint = env[MIRROR_ENV] ? `${MIRROR_ENV}=${env[MIRROR_ENV]} holds no` : 'no';
  throw new Error(
    `${hint} filesystem mirror of hashicorp/aws ${AWS_PROVIDER_VERSION} (expected <dir>/${PROVIDER_DIR}/<os_arch>/terraform-provider-aws*); set ${MIRROR_ENV} to its directory`,
  );
}

/**
 * Writes a Terraform CLI config that installs hashicorp/aws from `mirror` and nothing from the network (the
 * registry is unreachable here; failing fast beats a timeout). Returns the file's path, for TF_CLI_CONFIG_FILE.
 */
export function writeTerraformCliConfig(dir: string, mirror: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'terraform.tfrc');
  writeFileSync(
    path,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return path;
}

function childDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
}
