import { join } from 'node:path';
import { checkCdktn } from '../cli/cdktn/check-cdktn';
import { runCli } from '../cli/errors';

/*
 * `npm run check:cdktn`: proves the switch from cdktf to CDK Terrain in a throwaway copy (see cli/cdktn). Exit 0 when
 * every step passed, 1 otherwise; one line per step.
 */
void runCli('check:cdktn', () => {
  const root = join(__dirname, '..', '..');
  const steps = checkCdktn(root, (l) => process.stderr.write(`${l}\n`), { unitTests: !process.argv.includes('--no-unit-tests') });
  for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.detail}\n`);
  return steps.every((s) => s.ok) ? 0 : 1;
});
