import { EKS_KUBERNETES_VERSIONS } from '../../../cluster/kubernetes-versions';
import { Rule, verdict } from '../../rule';

/** EKS cluster on a Kubernetes version outside standard support. */
export const eksSupportedVersion: Rule = {
  id: 'AWS-EKS-005',
  level: 'error',
  appliesTo: ['aws_eks_cluster'],
  message: "EKS cluster on a Kubernetes version outside standard support",
  why: "Versions past standard support cost extended-support fees and stop getting fixes.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
  check: (r) => verdict(EKS_KUBERNETES_VERSIONS.includes(String(r.config.version))),
};
