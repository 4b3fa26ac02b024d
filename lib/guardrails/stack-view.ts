import { stackResources, SynthesizedStackJson } from '../synthesized/synthesized-output';
import { StackView, SynthesizedResource } from './rule';

/** The managed resources of a synthesized stack (`cdk.tf.json`), with their construct paths (the address when none). */
export function resourcesOf(stackJson: SynthesizedStackJson): SynthesizedResource[] {
  return stackResources(stackJson, 'address').map((r) => ({ ...r, path: r.path ?? r.address }));
}

/** A StackView over one synthesized stack. */
export function stackView(stack: string, stackJson: SynthesizedStackJson): StackView {
  const all = resourcesOf(stackJson);
  const byType = new Map<string, SynthesizedResource[]>();
  for (const r of all) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const text = new Map(all.map((r) => [r.address, JSON.stringify(r.config)]));
  return {
    stack,
    resources: (type) => byType.get(type) ?? [],
    referencing: (type, target) => (byType.get(type) ?? []).filter((r) => new RegExp(`\\$\\{${target.address.replace(/\./g, '\\.')}[.}\\[]`).test(text.get(r.address) ?? '')),
  };
}
