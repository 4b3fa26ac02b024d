import { exposesInternet } from '../../exposure';
import { asList, block, Rule, verdict } from '../../rule';

/** EKS API endpoint open to the internet (the union of its allowed ranges covers more than a /8). */
export const eksEndpointExposure: Rule = {
  id: 'AWS-EKS-001',
  level: 'error',
  appliesTo: ['aws_eks_cluster'],
  message: "EKS API endpoint open to the internet (the union of its allowed ranges covers more than a /8)",
  why: "A public API endpoint is one credential leak away from the cluster; private, or an allow-list of known egress ranges.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
  check: (r) => {
    const vpc = block(r.config.vpc_config);
    if (vpc?.endpoint_public_access !== true) return 'compliant';
    return verdict(!exposesInternet(asList(vpc.public_access_cidrs ?? ['0.0.0.0/0'])));
  },
};
