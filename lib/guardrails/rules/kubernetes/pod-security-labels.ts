import { block, Rule, verdict } from '../../rule';

/** Namespace without a Pod Security Standard enforced (restricted or baseline). */
export const podSecurityLabels: Rule = {
  id: 'K8S-NS-001',
  level: 'error',
  appliesTo: ['kubernetes_namespace_v1', 'kubernetes_namespace'],
  message: "Namespace without a Pod Security Standard enforced (restricted or baseline)",
  why: "Without an enforced level, any pod may run privileged, on the host network, as root.",
  link: "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
  check: (r) => verdict(['restricted', 'baseline'].includes(block(r.config.metadata)?.labels?.['pod-security.kubernetes.io/enforce'])),
};
