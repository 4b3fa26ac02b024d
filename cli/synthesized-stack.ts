import { readStackJson, stackResources, SynthesizedStackResource } from '../lib/synthesized/synthesized-output';

export type { SynthesizedStackResource };

/** The resources of `<outdir>/stacks/<stack>/cdk.tf.json`, or undefined when that stack is not synthesized there. */
export function synthesizedResources(outdir: string, stack: string): SynthesizedStackResource[] | undefined {
  const json = readStackJson(outdir, stack);
  return json ? stackResources(json) : undefined;
}
