import { cloudNameProblem } from '../lib/cloud/name-rules';
import { DEFAULT_SUBNET_TIERS } from '../lib/network/network';
import { vmServiceCloudNames, vmServiceProblems, VmImage } from '../lib/vm/vm-service';
import { entryNames } from './cloud-names';
import { isObj, Issue, Loose, Path } from './loose-input';


/**
 * The checks of an entry's `vmServices` that need its cloud or its names: image and cloud agree, capacity is
 * ordered, the health port is a service port, the tier is not public, the derived cloud names are legal, names are
 * unique, and the break-glass key is there on Azure only. The rules are the construct's (`vmServiceProblems`).
 */
export function vmServiceIssues(e: Loose, cloud: 'aws' | 'azure' | undefined, at: Path, issue: Issue, checkNames: boolean): void {
  const services = Array.isArray(e.vmServices) ? e.vmServices : [];
  const seen = new Set<string>();
  services.forEach((s, i) => {
    if (!isObj(s) || !cloud) return;
    const path = [...at, 'vmServices', i];
    const name = typeof s.name === 'string' ? s.name : undefined;
    if (name && seen.has(name)) issue([...path, 'name'], `another VM service of this entry is called ${name}`);
    if (name) seen.add(name);
    const cap = isObj(s.capacity) ? s.capacity : undefined;
    const ports = Array.isArray(s.ports) && s.ports.every((p) => typeof p === 'number') ? (s.ports) : undefined;
    const health = isObj(s.healthCheck) ? s.healthCheck : undefined;
    if (isObj(s.image) && cap && ports && health && [cap.min, cap.desired, cap.max].every((n) => typeof n === 'number')) {
      const props = { image: s.image as VmImage, capacity: cap as { min: number; desired: number; max: number }, ports, healthCheck: health as { path: string; port?: number }, subnetTier: typeof s.subnetTier === 'string' ? s.subnetTier : undefined };
      for (const p of vmServiceProblems(cloud, props)) issue([...path, ...p.path.split('.')], p.message);
    }
    if (typeof s.subnetTier === 'string' && s.subnetTier !== 'public' && !(s.subnetTier in DEFAULT_SUBNET_TIERS)) issue([...path, 'subnetTier'], `no such tier (the network has ${Object.keys(DEFAULT_SUBNET_TIERS).join(', ')})`);
    if (cloud === 'azure' && s.breakGlassSshPublicKey === undefined) issue([...path, 'breakGlassSshPublicKey'], 'Azure scale sets need a credential: give the public half of an offline break-glass key (login is Entra ID)');
    if (cloud === 'aws' && s.breakGlassSshPublicKey !== undefined) issue([...path, 'breakGlassSshPublicKey'], 'AWS VM services have no SSH key (Session Manager); remove it');
    const id = typeof e.id === 'string' ? e.id : undefined;
    if (checkNames && id && name) {
      const broken = vmServiceCloudNames(cloud, entryNames({ id }).prefix, name).flatMap((n) => cloudNameProblem(n) ?? []);
      if (broken.length > 0) issue([...path, 'name'], `${broken[0]}; shorten the service name or the entry id`);
    }
  });
}
