import { block, blocks, Rule, verdict } from '../../rule';

/** The containers of a Job's pod template. */
const containers = (r: any) => blocks(block(block(block(r.config.spec)?.template)?.spec)?.container);

/** Job container without CPU and memory requests and a memory limit. */
export const jobResources: Rule = {
  id: 'K8S-JOB-001',
  level: 'error',
  appliesTo: ['kubernetes_job_v1', 'kubernetes_job'],
  message: "Job container without CPU and memory requests and a memory limit",
  why: "Unsized containers are scheduled anywhere and can starve their node; quotas also refuse them.",
  link: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
  check: (r) => verdict(containers(r).length > 0 && containers(r).every((c) => {
    const res = block(c.resources);
    return res?.requests?.cpu !== undefined && res?.requests?.memory !== undefined && res?.limits?.memory !== undefined;
  })),
};
