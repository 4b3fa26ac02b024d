import { asList, Rule, verdict } from '../../rule';

/** VPC whose default security group is not owned with no rules. */
export const sgDefaultClosed: Rule = {
  id: 'AWS-SG-003',
  level: 'error',
  appliesTo: ['aws_vpc'],
  message: "VPC whose default security group is not owned with no rules",
  why: "The default security group admits all traffic between its members; anything launched without a group joins it.",
  link: "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
  check: (r, view) => verdict(view.referencing('aws_default_security_group', r).some((g) => asList(g.config.ingress).length === 0 && asList(g.config.egress).length === 0)),
};
