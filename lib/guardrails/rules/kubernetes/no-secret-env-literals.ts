import { asList, Rule, verdict } from '../../rule';

/** Secret-looking environment variable set to a literal value. */
export const noSecretEnvLiterals: Rule = {
  id: 'K8S-ENV-001',
  level: 'error',
  appliesTo: ['kubernetes_job_v1', 'kubernetes_job', 'kubernetes_deployment_v1', 'kubernetes_cron_job_v1'],
  message: "Secret-looking environment variable set to a literal value",
  why: "A literal in a manifest is in git, in state and in every describe; secrets come from secretKeyRef.",
  link: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
  check: (r) => {
    const envs: any[] = [];
    JSON.stringify(r.config, (k, v) => (k === 'env' ? (envs.push(...asList(v)), v) : v));
    return verdict(!envs.some((e) => /(PASSWORD|TOKEN|SECRET|KEY)/i.test(String(e.name)) && typeof e.value === 'string' && !e.value.startsWith('${')));
  },
};
