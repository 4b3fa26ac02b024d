import { Rule, verdict } from '../../rule';

/** Kubernetes secret written by Terraform (its values land in state and plans). */
export const noLiteralSecretData: Rule = {
  id: 'K8S-SEC-001',
  level: 'error',
  appliesTo: ['kubernetes_secret_v1', 'kubernetes_secret'],
  message: "Kubernetes secret written by Terraform (its values land in state and plans)",
  why: "Secrets synchronized in the cluster (External Secrets) never pass through Terraform state.",
  link: "https://external-secrets.io/latest/",
  check: (r) => verdict(r.config.data === undefined && r.config.binary_data === undefined && r.config.data_wo === undefined),
};
