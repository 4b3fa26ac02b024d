import { asList, block, blocks, Rule, verdict } from '../../rule';

/** The containers of a Job's pod template. */
const containers = (r: any) => blocks(block(block(block(r.config.spec)?.template)?.spec)?.container);

/** Job container that may run as root or escalate privileges. */
export const jobHardened: Rule = {
  id: 'K8S-JOB-002',
  level: 'error',
  appliesTo: ['kubernetes_job_v1', 'kubernetes_job'],
  message: "Job container that may run as root or escalate privileges",
  why: "The restricted Pod Security Standard refuses such pods; they would never start in our namespaces.",
  link: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  check: (r) => verdict(containers(r).every((c) => {
    const sc = block(c.security_context);
    return sc?.allow_privilege_escalation === false && asList(block(sc?.capabilities)?.drop).includes('ALL');
  })),
};
