import { Rule, verdict } from '../../rule';

/** Helm release without an exact chart version. */
export const helmPinnedChart: Rule = {
  id: 'K8S-HELM-001',
  level: 'error',
  appliesTo: ['helm_release'],
  message: "Helm release without an exact chart version",
  why: "Without a pinned version, a new chart release changes the cluster on the next apply without a code review.",
  link: "https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release#version",
  // A chart without a repository is a local chart, versioned with this code.
  check: (r) => (r.config.repository === undefined ? 'not-applicable' : verdict(/^v?\d+\.\d+\.\d+$/.test(String(r.config.version ?? '')))),
};
