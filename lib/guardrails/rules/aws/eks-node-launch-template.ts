import { block, Rule, verdict } from '../../rule';

/** EKS node group without a launch template. */
export const eksNodeLaunchTemplate: Rule = {
  id: 'AWS-EKS-006',
  level: 'warning',
  appliesTo: ['aws_eks_node_group'],
  message: "EKS node group without a launch template",
  why: "Only a launch template sets IMDS hop limits and encrypted root volumes for managed nodes.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html",
  check: (r) => verdict(block(r.config.launch_template) !== undefined),
};
