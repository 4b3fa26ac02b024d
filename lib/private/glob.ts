/*
 * The one glob of every pattern a user writes — `--stacks`, catalogue suppressions (stacks and construct paths),
 * the unmanaged ignore file — with one meaning everywhere:
 *   `*`   any run of characters except `/`      `prod-*`, `prod-westeurope/ArtifactoryBacking/*`
 *   `**`  any run of characters, `/` included    `prod-westeurope/**`, `kore-node|**`
 *   `?`   one character except `/`
 * Every other character is itself (ids hold `|`, `:`, `.`, brackets: no classes or alternatives, so an ARN or a
 * finding id can be written as it is). Matching is of the whole value and case-sensitive.
 *
 * Not picomatch: it treats `**` as special only as a whole path segment and reads `:`/`|` in ways that make ARN-like
 * ids fail to match as written (`kore-node|arn:aws:iam::aws:policy/*` matches nothing there).
 */
const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** True when `value` matches the glob `pattern` (see above). */
export function globMatch(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = compile(pattern);
    cache.set(pattern, re);
  }
  return re.test(value);
}
