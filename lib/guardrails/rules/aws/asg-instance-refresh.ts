import { block, Rule, verdict } from '../../rule';

/** Auto Scaling group whose launch template changes are not rolled out by an instance refresh that rolls back. */
export const asgInstanceRefresh: Rule = {
  id: 'AWS-ASG-002',
  level: 'error',
  appliesTo: ['aws_autoscaling_group'],
  message: "Auto Scaling group without an instance refresh that keeps capacity and rolls back on failure",
  why: "Without one, a new image reaches only instances launched later, by chance; with one that does not roll back, a bad image replaces the whole group.",
  link: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html",
  check: (r) => {
    const refresh = block(r.config.instance_refresh);
    const prefs = block(refresh?.preferences);
    return verdict(refresh !== undefined && prefs?.auto_rollback === true && Number(prefs?.min_healthy_percentage ?? 90) >= 50);
  },
};
