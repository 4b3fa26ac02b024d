import { Rule, verdict } from '../../rule';

/** Container image not pinned (no tag, `latest`, or a moving tag without a digest). */
export const imagePinned: Rule = {
  id: 'K8S-IMG-001',
  level: 'error',
  appliesTo: ['kubernetes_job_v1', 'kubernetes_job', 'kubernetes_deployment_v1', 'kubernetes_cron_job_v1'],
  message: "Container image not pinned (no tag, `latest`, or a moving tag without a digest)",
  why: "An unpinned image changes under a running workload; a digest is the only reference that cannot move.",
  link: "https://kubernetes.io/docs/concepts/containers/images/#image-names",
  check: (r) => {
    const images = JSON.stringify(r.config).match(/"image":"([^"]+)"/g)?.map((m) => m.slice(9, -1)) ?? [];
    return images.length === 0 ? 'not-applicable' : verdict(images.every((i) => /@sha256:[0-9a-f]{64}$/.test(i)));
  },
};
