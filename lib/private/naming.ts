/** Tags every resource carries besides the catalogue's own: who manages it and where it belongs. */
export function standardTags(tags: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...tags, ...extra, 'managed-by': 'cdktf' };
  // The catalogue says costCenter; the tag convention in the accounts is kebab-case.
  if ('costCenter' in out) {
    out['cost-center'] = out.costCenter;
    delete out.costCenter;
  }
  return out;
}
