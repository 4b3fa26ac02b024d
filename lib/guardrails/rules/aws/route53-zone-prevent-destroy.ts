import { Rule, verdict } from '../../rule';

/** Route53 zone that Terraform may destroy (no prevent_destroy). */
export const route53ZonePreventDestroy: Rule = {
  id: 'AWS-R53-003',
  level: 'warning',
  appliesTo: ['aws_route53_zone'],
  message: "Route53 zone that Terraform may destroy (no prevent_destroy)",
  why: "Deleting a delegated zone takes every name under it off the internet, and a new zone gets new name servers.",
  link: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DeleteHostedZone.html",
  check: (r) => verdict(r.config.lifecycle?.prevent_destroy === true),
};
