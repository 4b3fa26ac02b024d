import { blocks, Rule, verdict } from '../../rule';

/** Security group rule without a description. */
export const sgRuleDescriptions: Rule = {
  id: 'AWS-SG-002',
  level: 'warning',
  appliesTo: ['aws_security_group'],
  message: "Security group rule without a description",
  why: "A rule nobody can explain is a rule nobody dares to remove.",
  link: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
  check: (r) => verdict([...blocks(r.config.ingress), ...blocks(r.config.egress)].every((x) => typeof x.description === 'string' && x.description.length > 0)),
};
