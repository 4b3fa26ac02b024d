import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * `path` with the real directory of a pyenv-shimmed `tool` in front, or `path` unchanged when `tool` is no pyenv
 * shim (or pyenv cannot say where it is). A shim runs `pyenv exec` before the tool: for the aws CLI that doubles the
 * CPU of every call (`aws --version`: 0.93 against 0.47 CPU-seconds on the reference machine), and the sandbox's
 * scans, gates and checks make hundreds of calls on two cores.
 */
export function pathWithoutShim(tool: string, path: string = process.env.PATH ?? ''): string {
  const found = path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, tool))
    .find((file) => existsSync(file));
  if (!found || !isPyenvShim(found)) return path;
  const r = spawnSync('pyenv', ['which', tool], { encoding: 'utf8', env: { ...process.env, PATH: path } });
  const real = r.status === 0 ? r.stdout.trim() : '';
  return real && existsSync(real) ? `${dirname(real)}${delimiter}${path}` : path;
}

function isPyenvShim(file: string): boolean {
  try {
    return /pyenv"? exec/.test(readFileSync(file, 'utf8').slice(0, 2000));
  } catch {
    return false;
  }
}
