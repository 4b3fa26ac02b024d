import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { driftCheckCommand } from '../drift/drift-command';
import { realTerraform } from '../terraform';
import { sandboxCatalogue } from './sandbox-catalogue';
import { SandboxSession } from './sandbox-session';
import { standardTampering, stateResources, tamper } from './tamper';

/**
 * The drift check end to end with no cloud account: start the emulator, deploy a sandbox stack, change it behind
 * Terraform's back, run the drift check, return the Markdown report. Everything runs on 127.0.0.1.
 */
export async function demoDrift(log: (line: string) => void): Promise<{ markdown: string; exitCode: number }> {
  const session = new SandboxSession('kore-demo-');
  try {
    log('starting the AWS emulator (moto) on 127.0.0.1…');
    await session.start();
    const catalogue = sandboxCatalogue({ endpoint: session.moto.url });
    const regions = join(session.dir, 'regions.yaml');
    writeFileSync(regions, stringify(catalogue));
    const stacks = session.synth(catalogue);
    log('creating the state store (bootstrap stack)…');
    await session.bootstrap(stacks.bootstrap);
    log('deploying the sandbox region stack (VPC, NAT, flow logs, EKS, node group)…');
    await session.apply(stacks['dev-us-east-1']);
    log('changing things behind Terraform\'s back: VPC tags, a default-SG rule, a route, the node group size…');
    const { actions } = standardTampering(stateResources((await session.tfOk(stacks['dev-us-east-1'], ['state', 'pull'])).stdout));
    await tamper(session.moto.url, actions);
    log('running the drift check…');
    const out = join(session.dir, 'reports');
    const exitCode = await driftCheckCommand(
      { stacks: ['dev-us-east-1'], out, regions, cdktfOut: join(session.dir, 'out'), timeoutSeconds: 900, lockTimeout: '60s' },
      { runner: realTerraform, env: session.env, log },
    );
    return { markdown: readFileSync(join(out, 'drift-report.md'), 'utf8'), exitCode };
  } finally {
    await session.stop();
  }
}
