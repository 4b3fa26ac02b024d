import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * `npm run docs` builds the library's API reference (TypeDoc, from the TSDoc of lib/): warnings are errors, so a
 * broken {@link} or an unresolvable reference fails it.
 */
describe('the API reference (npm run docs)', () => {
  it('builds from lib/index.ts with no warning, and documents the constructs', () => {
    const out = mkdtempSync(join(tmpdir(), 'kore-api-'));
    const r = spawnSync(process.execPath, [join('node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out, '--logLevel', 'Warn'], { encoding: 'utf8' });
    expect({ code: r.status, out: `${r.stdout}${r.stderr}`.trim() }).toEqual({ code: 0, out: '' });
    for (const page of ['classes/AwsVmService.html', 'classes/EksCluster.html', 'interfaces/IVmService.html']) expect([page, existsSync(join(out, page))]).toEqual([page, true]);
    expect(readFileSync(join(out, 'classes', 'AwsVmService.html'), 'utf8')).toContain('instance refresh');
  }, 120_000);
});
