import { asList, block, blocks, Rule, verdict } from '../../rule';

/** EKS cluster without envelope encryption of Kubernetes secrets. */
export const eksSecretsEncryption: Rule = {
  id: 'AWS-EKS-002',
  level: 'error',
  appliesTo: ['aws_eks_cluster'],
  message: "EKS cluster without envelope encryption of Kubernetes secrets",
  why: "Envelope encryption with a customer key keeps secrets unreadable in etcd backups and snapshots.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
  check: (r) => verdict(blocks(r.config.encryption_config).some((e) => asList(e.resources).includes('secrets') && block(e.provider)?.key_arn)),
};
