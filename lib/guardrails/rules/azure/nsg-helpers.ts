import { exposesInternet } from '../../exposure';
import { asList, blocks, SynthesizedResource } from '../../rule';

/** The rules of an NSG resource, or the one rule of an NSG rule resource. */
export function nsgRules(r: SynthesizedResource): Record<string, any>[] {
  return r.type === 'azurerm_network_security_group' ? blocks(r.config.security_rule) : [r.config];
}

/** Inbound allow rules whose sources, together, admit the internet. */
export function inboundFromInternet(r: SynthesizedResource): Record<string, any>[] {
  return nsgRules(r).filter(
    (x) => x.direction === 'Inbound' && x.access === 'Allow' && exposesInternet([x.source_address_prefix, ...asList(x.source_address_prefixes)].filter(Boolean)),
  );
}

/** The destination ports of a rule (`*`, `443`, `8000-8080`). */
export function destinationPorts(x: Record<string, any>): string[] {
  return [x.destination_port_range, ...asList(x.destination_port_ranges)].filter(Boolean);
}
