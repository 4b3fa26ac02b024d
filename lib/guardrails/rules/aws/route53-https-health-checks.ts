import { Rule, verdict } from '../../rule';

/** Route53 health check not over HTTPS. */
export const route53HttpsHealthChecks: Rule = {
  id: 'AWS-R53-001',
  level: 'error',
  appliesTo: ['aws_route53_health_check'],
  message: "Route53 health check not over HTTPS",
  why: "A health check over plain HTTP passes while the certificate users get is broken.",
  link: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html",
  check: (r) => (r.config.type === 'CALCULATED' ? 'not-applicable' : verdict(String(r.config.type).startsWith('HTTPS'))),
};
