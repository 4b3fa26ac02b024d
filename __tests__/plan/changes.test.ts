import { actionKind, changedAttributes, SENSITIVE, UNKNOWN } from '../../cli/plan/changes';

describe('actionKind', () => {
  it.each([
    [['no-op'], 'no-op'],
    [['create'], 'create'],
    [['read'], 'read'],
    [['update'], 'update'],
    [['delete'], 'destroy'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['forget'], 'forget'],
  ] as const)('%j is %s', (actions, kind) => {
    expect(actionKind([...actions])).toBe(kind);
  });
});

describe('changedAttributes', () => {
  it('lists changed leaves by path, with list indexes', () => {
    const attrs = changedAttributes({
      actions: ['update'],
      before: { retention_in_days: 90, tags: { a: '1' }, vpc_config: [{ subnet_ids: ['s-1', 's-2'] }] },
      after: { retention_in_days: 30, tags: { a: '1', b: '2' }, vpc_config: [{ subnet_ids: ['s-1', 's-3'] }] },
    });
    expect(attrs).toEqual([
      { path: 'retention_in_days', before: '90', after: '30', sensitive: false },
      { path: 'tags.b', before: 'null', after: '"2"', sensitive: false },
      { path: 'vpc_config[0].subnet_ids[1]', before: '"s-2"', after: '"s-3"', sensitive: false },
    ]);
  });

  it('masks sensitive values, including nested ones inside summarized lists', () => {
    const attrs = changedAttributes({
      actions: ['update'],
      before: { password: 'hunter2', users: [{ name: 'a', secret: 'x1' }] },
      after: { password: 'hunter3', users: [{ name: 'a', secret: 'x2' }, { name: 'b', secret: 'x3' }] },
      before_sensitive: { password: true, users: [{ secret: true }] },
      after_sensitive: { password: true, users: [{ secret: true }, { secret: true }] },
    });
    expect(attrs).toEqual([
      { path: 'password', before: SENSITIVE, after: SENSITIVE, sensitive: true },
      { path: 'users', before: '[{"name":"a","secret":"(sensitive)"}]', after: '[{"name":"a","secret":"(sensitive)"},{"name":"b","secret":"(sensitive)"}]', sensitive: false },
    ]);
    expect(JSON.stringify(attrs)).not.toMatch(/hunter|x1|x2|x3/);
  });

  it('marks values known only after apply', () => {
    const attrs = changedAttributes({ actions: ['update'], before: { arn: 'arn:1', name: 'n' }, after: { name: 'n' }, after_unknown: { arn: true } });
    expect(attrs).toEqual([{ path: 'arn', before: '"arn:1"', after: UNKNOWN, sensitive: false }]);
  });

  it('ignores values that only move between null, {} and []', () => {
    expect(changedAttributes({ actions: ['update'], before: { tags: null, list: [] }, after: { tags: {}, list: null } })).toEqual([]);
  });

  it('cuts long values', () => {
    const [attr] = changedAttributes({ actions: ['update'], before: { p: 'a'.repeat(200) }, after: { p: 'b' } });
    expect(attr.before).toHaveLength(80);
    expect(attr.before.endsWith('…')).toBe(true);
  });
});
