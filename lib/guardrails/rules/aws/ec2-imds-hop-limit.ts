import { block, Rule, verdict } from '../../rule';

/** Launch template with an IMDS hop limit above 1 (pods can take the node role's credentials). */
export const ec2ImdsHopLimit: Rule = {
  id: 'AWS-EC2-002',
  level: 'error',
  appliesTo: ['aws_launch_template'],
  message: "Launch template with an IMDS hop limit above 1 (pods can take the node role's credentials)",
  why: "With 2 hops, any pod reaches the node's metadata service and its IAM role; with 1, only the host network does (EKS best practice).",
  link: "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node",
  check: (r) => verdict((block(r.config.metadata_options)?.http_put_response_hop_limit ?? 1) <= 1),
};
