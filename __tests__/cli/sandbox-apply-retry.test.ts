import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SandboxSession } from '../../cli/sandbox/sandbox-session';

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

  it('applies once more after InvalidPermission.Duplicate or InvalidSubnet.Conflict, and then succeeds', async () => {
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidPermission.Duplicate: The specified rule already exists', 1)).resolves.toMatchObject({ code: 0 });
    expect(count()).toBe(2);
    await expect(run(['apply', '-input=false', '-auto-approve'], 'InvalidSubnet.Conflict', 1)).resolves.toMatchObject({ code: 0 });
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
});
