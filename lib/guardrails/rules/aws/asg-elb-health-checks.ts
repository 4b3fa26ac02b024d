import { asList, Rule, verdict } from '../../rule';

/** Auto Scaling group behind a load balancer that ignores the load balancer's health checks. */
export const asgElbHealthChecks: Rule = {
  id: 'AWS-ASG-001',
  level: 'error',
  appliesTo: ['aws_autoscaling_group'],
  message: "Auto Scaling group behind a load balancer without ELB health checks",
  why: "With EC2 health checks only, an instance whose service stopped answering stays in service: the load balancer drains it, the group never replaces it.",
  link: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html",
  check: (r) => (asList(r.config.target_group_arns).length === 0 ? 'not-applicable' : verdict(r.config.health_check_type === 'ELB')),
};
