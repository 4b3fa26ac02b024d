import { Rule, verdict } from '../../rule';

/** Helm release that is not atomic. */
export const helmAtomic: Rule = {
  id: 'K8S-HELM-002',
  level: 'warning',
  appliesTo: ['helm_release'],
  message: "Helm release that is not atomic",
  why: "A failed non-atomic release is left half-installed; atomic rolls it back and fails the apply.",
  link: "https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release#atomic",
  check: (r) => verdict(r.config.atomic === true),
};
