import { LocalBackend } from 'cdktf';
import { FleetStack } from './fleet-stack';
import { Construct } from 'constructs';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { regionalAzureProvider } from '../lib/providers/azure-provider';
import { standardTags } from '../lib/private/naming';
import { AwsStateStore } from '../lib/state/aws-state-store';
import { AzureStateStore } from '../lib/state/azure-state-store';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GithubOidcRoles } from '../lib/ci/github-oidc-roles';
import { ciTrustOf } from '../regions/automation';
import type { Catalogue } from '../regions/schema';
import { stateStoresOf } from '../regions/state-stores';
import { AZURE_BOOTSTRAP_STACK_NAME, BOOTSTRAP_STACK_NAME } from '../regions/stack-names';


/**
 * Where a bootstrap stack keeps its local state, relative to its stack directory (`<out>/stacks/<stack>`):
 * `<out>/../terraform.<stack>.tfstate`, the project root for the default `cdktf.out` (cdktf's own convention for
 * local state). Outside the synth output on purpose: re-synthesizing replaces the output, and this file is the only
 * record of the state stores.
 */
export function bootstrapStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export interface BootstrapStackProps {
  readonly catalogue: Catalogue;
  /** Which cloud's state stores this stack creates. */
  readonly cloud: 'aws' | 'azure';
  /**
   * Role assumed in each AWS account to create its state store.
   * @default 'OrganizationAccountAccessRole' (what AWS Organizations creates in member accounts)
   */
  readonly awsBootstrapRoleName?: string;
}

/**
 * Creates the state stores every other stack's backend points at, one stack per cloud. It keeps local state by
 * necessity (the stores do not exist yet), outside the synth output (bootstrapStatePath); commit nothing of it,
 * and run it once per new account, subscription or region.
 */
export class BootstrapStack extends FleetStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    const name = props.cloud === 'aws' ? BOOTSTRAP_STACK_NAME : AZURE_BOOTSTRAP_STACK_NAME;
    super(scope, name);
    new LocalBackend(this, { path: bootstrapStatePath(name) });
    const roleName = props.awsBootstrapRoleName ?? 'OrganizationAccountAccessRole';
    const tags = standardTags(props.catalogue.global.tags, { stack: name });

    // IAM is global: the CI roles of an account use any provider of that account the state stores already have.
    const accountProviders = new Map<string, AwsProvider>();
    for (const store of stateStoresOf(props.catalogue)) {
      if (store.backend === 's3' && props.cloud === 'aws') {
        const provider = regionalAwsProvider(this, `aws-${store.key}`, {
          alias: store.key,
          region: store.region,
          accountId: store.account,
          assumeRoleArn: `arn:aws:iam::${store.account}:role/${roleName}`,
          tags,
          sandbox: store.sandboxUrl ? { url: store.sandboxUrl } : undefined,
        });
        if (!store.sandboxUrl && !accountProviders.has(store.account)) accountProviders.set(store.account, provider);
        new AwsStateStore(this, `StateStore-${store.key}`, {
          provider,
          bucketName: store.bucket,
          lockTableName: store.lockTable,
          tlsOnlyPolicy: !store.sandboxUrl,
        });
      } else if (store.backend === 'azurerm' && props.cloud === 'azure') {
        const provider = regionalAzureProvider(this, `azurerm-${store.key}`, {
          alias: store.key,
          subscriptionId: store.subscriptionId,
          tenantId: store.tenantId,
        });
        new AzureStateStore(this, `StateStore-${store.key}`, {
          provider,
          resourceGroupName: store.resourceGroup,
          storageAccountName: store.storageAccount,
          containerName: store.container,
          location: store.location,
          allowedIpRanges: store.allowedIpRanges,
          tags,
        });
      }
    }

    // The pipelines' identities per AWS account, trusted only for the GitHub environments the workflows use.
    if (props.cloud === 'aws') {
      for (const t of ciTrustOf(props.catalogue).filter((x) => x.cloud === 'aws')) {
        const provider =
          accountProviders.get(t.account) ??
          regionalAwsProvider(this, `aws-ci-${t.account}`, {
            alias: `ci-${t.account}`,
            region: props.catalogue.global.region,
            accountId: t.account,
            assumeRoleArn: `arn:aws:iam::${t.account}:role/${roleName}`,
            tags,
          });
        new GithubOidcRoles(this, `CiRoles-${t.account}`, { provider, planRoleName: t.plan, applyRoleName: t.apply, planSubjects: t.planSubjects, applySubjects: t.applySubjects });
      }
    }
  }
}
