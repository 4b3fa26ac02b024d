import { asList, Rule, verdict } from '../../rule';

/** EKS cluster without api, audit and authenticator logs. */
export const eksControlPlaneLogs: Rule = {
  id: 'AWS-EKS-003',
  level: 'error',
  appliesTo: ['aws_eks_cluster'],
  message: "EKS cluster without api, audit and authenticator logs",
  why: "Without audit and authenticator logs nobody can say who did what to the cluster.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
  check: (r) => verdict(['api', 'audit', 'authenticator'].every((t) => asList(r.config.enabled_cluster_log_types).includes(t))),
};
