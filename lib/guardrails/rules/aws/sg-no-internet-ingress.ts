import { exposesInternet } from '../../exposure';
import { asList, blocks, Rule, verdict } from '../../rule';

/** Security group admitting the internet (the union of its IPv4 and IPv6 ingress ranges covers more than a /8 or a /32). */
export const sgNoInternetIngress: Rule = {
  id: 'AWS-SG-001',
  level: 'error',
  appliesTo: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  message: "Security group admitting the internet (the union of its ingress ranges covers more than an IPv4 /8 or an IPv6 /32)",
  why: "Nothing here serves the internet directly: load balancers front it. Adding /1 ranges does not make it private.",
  link: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  check: (r) => {
    if (r.type === 'aws_security_group') return verdict(!exposesInternet(blocks(r.config.ingress).flatMap((i) => [...asList(i.cidr_blocks), ...asList(i.ipv6_cidr_blocks)])));
    if (r.type === 'aws_security_group_rule') return r.config.type !== 'ingress' ? 'not-applicable' : verdict(!exposesInternet([...asList(r.config.cidr_blocks), ...asList(r.config.ipv6_cidr_blocks)]));
    return verdict(!exposesInternet([...asList(r.config.cidr_ipv4), ...asList(r.config.cidr_ipv6)]));
  },
};
