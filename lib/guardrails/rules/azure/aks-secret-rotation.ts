import { block, Rule, verdict } from '../../rule';

/** AKS Key Vault secrets provider without rotation. */
export const aksSecretRotation: Rule = {
  id: 'AZ-AKS-010',
  level: 'warning',
  appliesTo: ['azurerm_kubernetes_cluster'],
  message: "AKS Key Vault secrets provider without rotation",
  why: "Without rotation, a secret changed in Key Vault stays stale in pods until they restart.",
  link: "https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options",
  check: (r) => {
    const kv = block(r.config.key_vault_secrets_provider);
    return kv ? verdict(kv.secret_rotation_enabled === true) : 'not-applicable';
  },
};
