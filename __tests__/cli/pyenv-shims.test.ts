import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathWithoutShim } from '../../cli/sandbox/pyenv-shims';

/* The sandbox calls the aws CLI itself rather than its pyenv shim; anything else on PATH stays as it was. */
describe('pathWithoutShim', () => {
  const root = mkdtempSync(join(tmpdir(), 'shims-'));
  const script = (dir: string, name: string, body: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  const shims = join(root, 'shims');
  const real = join(root, 'versions', '3.11.7', 'bin');
  const plain = join(root, 'plain');
  // A shim as pyenv writes it, pyenv itself answering `which`, the real tool, and a tool on PATH that is no shim.
  script(shims, 'aws', `exec "${root}/libexec/pyenv" exec "$program" "$@"`);
  script(join(root, 'bin'), 'pyenv', `[ "$1" = which ] && [ "$2" = aws ] && echo "${real}/aws" || exit 1`);
  script(real, 'aws', 'echo aws-cli/2');
  script(plain, 'terraform', 'echo terraform');

  it('puts the real directory of a shimmed tool first', () => {
    const path = [join(root, 'bin'), shims, plain].join(delimiter);
    expect(pathWithoutShim('aws', path)).toBe([real, path].join(delimiter));
  });

  it('leaves PATH alone for a tool that is no shim, a tool that is missing, and a shim pyenv cannot place', () => {
    const path = [join(root, 'bin'), shims, plain].join(delimiter);
    expect(pathWithoutShim('terraform', path)).toBe(path);
    expect(pathWithoutShim('az', path)).toBe(path);
    script(shims, 'moto_server', `exec "${root}/libexec/pyenv" exec "$program" "$@"`);
    expect(pathWithoutShim('moto_server', path)).toBe(path);
  });
});
