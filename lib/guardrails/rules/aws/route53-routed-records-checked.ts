import { Rule, verdict } from '../../rule';

/** Route53 latency, weighted or failover record without a health check. */
export const route53RoutedRecordsChecked: Rule = {
  id: 'AWS-R53-002',
  level: 'error',
  appliesTo: ['aws_route53_record'],
  message: "Route53 latency, weighted or failover record without a health check",
  why: "A routing policy without a health check keeps sending users to a region that is down.",
  link: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html",
  check: (r) => {
    const routed = ['latency_routing_policy', 'weighted_routing_policy', 'failover_routing_policy', 'geolocation_routing_policy'].some((k) => r.config[k] !== undefined);
    return routed ? verdict(typeof r.config.health_check_id === 'string') : 'not-applicable';
  },
};
