import { globMatch } from '../../lib/private/glob';
import { selectStacks } from '../../cli/stack-select';
import { applyIgnores } from '../../cli/unmanaged/ignore-file';

describe('the one glob (every pattern a user writes means the same)', () => {
  it.each([
    ['prod-*', 'prod-us-east-1', true],
    ['prod-*', 'prod-us-east-1-platform', true],
    ['prod-?s-east-1', 'prod-us-east-1', true],
    ['prod-?s-east-1', 'prod-uss-east-1', false],
    ['*', 'a/b', false],
    ['**', 'a/b', true],
    ['prod-westeurope/ArtifactoryBacking/*', 'prod-westeurope/ArtifactoryBacking/Bucket', true],
    ['prod-westeurope/ArtifactoryBacking/*', 'prod-westeurope/ArtifactoryBacking/Db/Server', false],
    ['prod-westeurope/**', 'prod-westeurope/ArtifactoryBacking/Db/Server', true],
    ['kore-node|**', 'kore-node|arn:aws:iam::aws:policy/AdministratorAccess', true],
    ['kore-node|arn:aws:iam::aws:policy/*', 'kore-node|arn:aws:iam::aws:policy/AdministratorAccess', true],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    ['prod-*', 'Prod-us-east-1', false],
    ['sg-h*', 'sg-hand', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('stack selection, ignore entries and suppressions use it: `?` is one character and `*` stays in a path segment everywhere', () => {
    expect(selectStacks(['dev-us-east-1', 'dev-us-east-12'], ['dev-us-east-?'])).toEqual(['dev-us-east-1']);
    const finding = { kind: 'role-policy-attachment', id: 'kore-node|arn:aws:iam::aws:policy/AdministratorAccess', account: 'a', region: 'r', detail: 'd' } as any;
    expect(applyIgnores([finding], [{ id: 'kore-node|*', reason: 'x y z w' }]).ignored).toHaveLength(0);
    expect(applyIgnores([finding], [{ id: 'kore-node|**', reason: 'x y z w' }]).ignored).toHaveLength(1);
  });
});
