import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SandboxSession, selfHeldLock } from '../../cli/sandbox/sandbox-session';

/*
 * A sandbox apply that failed only on an emulator retry artifact runs once more; any other failure, and any other
 * command, fails at once. A fake terraform on PATH fails its first N runs with the error it is told to.
 */
const dir = mkdtempSync(join(tmpdir(), 'fake-tf-'));
const runs = join(dir, 'runs');
writeFileSync(
  join(dir, 'terraform'),
  `#!/bin/sh
echo "$*" >> '${runs}'
n=$(wc -l < '${runs}')
if [ "$n" -le "$FAIL_TIMES" ]; then echo "Error: creating thing: api error $FAIL_WITH" >&2; exit 1; fi
echo "Apply complete!"
`,
);
chmodSync(join(dir, 'terraform'), 0o755);

describe('sandbox applies and the emulator’s retry artifacts', () => {
  const saved = { ...process.env };
  const session = new SandboxSession('kore-retry-');
  const run = (args: string[], failWith: string, failTimes: number) => {
    writeFileSync(runs, '');
    process.env.FAIL_WITH = failWith;
    process.env.FAIL_TIMES = String(failTimes);
    return session.tfOk(dir, args);
  };
  beforeAll(() => {
    process.env.PATH = `${dir}${delimiter}${process.env.PATH}`;
  });
  afterAll(async () => {
    process.env = saved;
    await session.stop();
  });
  const count = () => readFileSync(runs, 'utf8').trim().split('\n').length;

  it('applies once more after InvalidPermission.Duplicate, InvalidPermission.NotFound or InvalidSubnet.Conflict, and then succeeds', async () => {
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidPermission.Duplicate: The specified rule already exists', 1)).resolves.toMatchObject({ code: 0 });
    expect(count()).toBe(2);
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidSubnet.Conflict', 1)).resolves.toMatchObject({ code: 0 });
    expect(count()).toBe(2);
    // A retried RevokeSecurityGroupEgress, after the first try had removed the default egress rule.
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidPermission.NotFound: The specified rule does not exist in this security group', 1)).resolves.toMatchObject({ code: 0 });
    expect(count()).toBe(2);
  });

  it('retries once only, never another error, never another command', async () => {
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidPermission.Duplicate', 5)).rejects.toThrow(/InvalidPermission\.Duplicate/);
    expect(count()).toBe(2);
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidParameterValue', 1)).rejects.toThrow(/exited 1/);
    expect(count()).toBe(1);
    await expect(run(['plan', '-input=false'], 'InvalidPermission.Duplicate', 1)).rejects.toThrow(/exited 1/);
    expect(count()).toBe(1);
  });

  /** A retried CreateAlias as terraform reports it: the alias the first try made, and the resource that made it. */
  const aliasExists =
    'operation error KMS: CreateAlias, https response error StatusCode: 400, AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:123456789012:alias/rds/db/insights already exists\n\n  with aws_kms_alias.Backing_InsightsKeyAlias_2C0EE8F4,\n  on cdk.tf.json line 716';

  /** A retried CreateRole as terraform reports it: the role the first try made, and the resource that made it. */
  const roleExists =
    'creating IAM Role (kore-dev-use1-ebs-csi): operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: 2uOq, EntityAlreadyExists: Role with name kore-dev-use1-ebs-csi already exists.\n\n  with aws_iam_role.Cluster_EbsCsiRole_14343B29,\n  on cdk.tf.json line 483';

  it.each([
    ['a KMS alias', aliasExists, 'aws_kms_alias.Backing_InsightsKeyAlias_2C0EE8F4 alias/rds/db/insights'],
    ['an IAM role', roleExists, 'aws_iam_role.Cluster_EbsCsiRole_14343B29 kore-dev-use1-ebs-csi'],
  ])('imports %s an emulator retry left behind into the resource that made it, then applies once more', async (_what, error, imported) => {
    await expect(run(['apply', '-input=false', '-auto-approve'], error, 1)).resolves.toMatchObject({ code: 0 });
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual([
      'apply -no-color -parallelism=4 -input=false -auto-approve',
      `import -no-color -input=false ${imported}`,
      'apply -no-color -parallelism=4 -input=false -auto-approve',
    ]);
  });

  it('fails with the apply’s own error when the import fails, and never imports for a plan', async () => {
    await expect(run(['apply', '-input=false', '-auto-approve'], aliasExists, 5)).rejects.toThrow(/terraform apply -input=false -auto-approve exited 1[\s\S]*alias\/rds\/db\/insights already exists/);
    expect(count()).toBe(2);
    await expect(run(['plan', '-input=false'], aliasExists, 1)).rejects.toThrow(/exited 1/);
    expect(count()).toBe(1);
  });

  /** Terraform's lock error as the S3 backend prints it, with the lock's creation time. */
  const lockError = (created: Date) =>
    [
      'Error acquiring the state lock',
      'Error message: operation error DynamoDB: PutItem, https response error StatusCode: 400, ConditionalCheckFailedException: The conditional request failed',
      'Lock Info:',
      '  ID:        9f3ef6ae-08e2-d003-fa5e-2e942c1f463c',
      '  Operation: OperationTypePlan',
      `  Created:   ${created.toISOString().replace('T', ' ').replace('Z', '')}018 +0000 UTC`,
    ].join('\n');

  it('unlocks a lock the failed command took itself, and runs it once more', async () => {
    await expect(run(['plan', '-input=false'], lockError(new Date(Date.now() + 50)), 1)).resolves.toMatchObject({ code: 0 });
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual(['plan -no-color -parallelism=4 -input=false', 'force-unlock -force 9f3ef6ae-08e2-d003-fa5e-2e942c1f463c', 'plan -no-color -parallelism=4 -input=false']);
  });

  it('never unlocks a lock older than the command, or another failure', async () => {
    await expect(run(['plan', '-input=false'], lockError(new Date(Date.now() - 60_000)), 1)).rejects.toThrow(/Error acquiring the state lock/);
    expect(count()).toBe(1);
    expect(selfHeldLock(lockError(new Date(5_000)), 4_500)).toBe('9f3ef6ae-08e2-d003-fa5e-2e942c1f463c');
    expect(selfHeldLock(lockError(new Date(5_000)), 7_000)).toBeUndefined();
    expect(selfHeldLock(lockError(new Date(5_000)).replace('ConditionalCheckFailedException', 'ResourceNotFoundException'), 4_500)).toBeUndefined();
    expect(selfHeldLock('Error: something else', 0)).toBeUndefined();
  });

  it('initializes a stack directory once: not again once it holds a backend and a lock file', async () => {
    const stack = mkdtempSync(join(dir, 'stack-'));
    writeFileSync(runs, '');
    process.env.FAIL_TIMES = '0';
    await session.initOnce(stack);
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual(['init -no-color -input=false']);
    // What an init leaves: the backend's configuration and the provider lock file.
    mkdirSync(join(stack, '.terraform'));
    writeFileSync(join(stack, '.terraform', 'terraform.tfstate'), '{}');
    await session.initOnce(stack);
    expect(count()).toBe(2);
    writeFileSync(join(stack, '.terraform.lock.hcl'), '');
    await session.initOnce(stack);
    expect(count()).toBe(2);
  });
});
