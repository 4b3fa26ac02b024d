import { asList, policyDocument, Rule, verdict } from '../../rule';

/** IAM role trusting a web identity (IRSA) without pinning the service account and audience. */
export const iamWebIdentityScoped: Rule = {
  id: 'AWS-IAM-004',
  level: 'error',
  appliesTo: ['aws_iam_role'],
  message: "IAM role trusting a web identity (IRSA) without pinning the service account and audience",
  why: "Without `sub` and `aud` conditions any pod of the cluster, or any token of the issuer, can assume the role.",
  link: "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
  check: (r) => {
    const doc = policyDocument(r.config.assume_role_policy);
    const federated = doc?.Statement.filter((s) => asList(s.Action).includes('sts:AssumeRoleWithWebIdentity')) ?? [];
    if (federated.length === 0) return 'not-applicable';
    return verdict(federated.every((s) => {
      const keys = Object.keys(s.Condition?.StringEquals ?? {});
      return keys.some((k) => k.endsWith(':sub')) && keys.some((k) => k.endsWith(':aud'));
    }));
  },
};
