import { Rule, verdict } from '../../rule';

/** Subnet assigning public IPs to everything launched in it. */
export const vpcNoPublicIpOnLaunch: Rule = {
  id: 'AWS-VPC-002',
  level: 'error',
  appliesTo: ['aws_subnet'],
  message: "Subnet assigning public IPs to everything launched in it",
  why: "Public addresses should be a decision per load balancer or NAT gateway, not a side effect of a subnet.",
  link: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html",
  check: (r) => verdict(r.config.map_public_ip_on_launch !== true),
};
