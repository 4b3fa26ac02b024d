/** Trust policy letting an AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** ARN of an AWS managed policy. */
export function managedPolicyArn(name: string, partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * The trust policy of an IRSA role: only the named Kubernetes service account, presenting a token for STS, may
 * assume it through the cluster's OIDC provider. `JSON.stringify`, not `Fn.jsonencode`: the condition keys contain
 * a token (the issuer), and jsonencode cannot take computed object keys; tokens inside a string interpolate.
 */
export function irsaTrustPolicy(oidcProviderArn: string, issuerHost: string, namespace: string, serviceAccount: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [webIdentityStatement(oidcProviderArn, issuerHost, namespace, serviceAccount)] });
}

/** One trust statement: a Kubernetes service account of the issuer's cluster, with a token for STS. */
export function webIdentityStatement(oidcProviderArn: string, issuerHost: string, namespace: string, serviceAccount: string): Record<string, unknown> {
  return {
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${issuerHost}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
        [`${issuerHost}:aud`]: 'sts.amazonaws.com',
      },
    },
  };
}
