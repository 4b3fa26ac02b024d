import { StackView, SynthesizedResource } from './rule';

/** The managed resources of a synthesized stack (`cdk.tf.json`), with their construct paths. */
export function resourcesOf(stackJson: any): SynthesizedResource[] {
  return Object.entries((stackJson.resource ?? {}) as Record<string, Record<string, any>>).flatMap(([type, items]) =>
    Object.entries(items).map(([name, config]) => ({ type, name, address: `${type}.${name}`, path: config?.['//']?.metadata?.path ?? `${type}.${name}`, config })),
  );
}

/** A StackView over one synthesized stack. */
export function stackView(stack: string, stackJson: any): StackView {
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
