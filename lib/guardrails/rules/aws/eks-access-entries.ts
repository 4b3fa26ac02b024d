import { block, Rule, verdict } from '../../rule';

/** EKS cluster authenticating through the aws-auth ConfigMap, or granting its creator admin. */
export const eksAccessEntries: Rule = {
  id: 'AWS-EKS-004',
  level: 'error',
  appliesTo: ['aws_eks_cluster'],
  message: "EKS cluster authenticating through the aws-auth ConfigMap, or granting its creator admin",
  why: "Access entries are API-managed and auditable; an implicit creator admin is access nobody declared.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
  check: (r) => {
    const access = block(r.config.access_config);
    return verdict(access?.authentication_mode === 'API' && access?.bootstrap_cluster_creator_admin_permissions === false);
  },
};
