import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { regionalAwsProvider } from '../lib/providers/aws-provider';
import { standardTags } from '../lib/private/naming';
import { configureRemoteState } from '../lib/state/remote-state';
import type { Catalogue } from '../regions/schema';

export const GLOBAL_STACK_NAME = 'global';

export interface GlobalStackProps {
  readonly catalogue: Catalogue;
}

/** What spans every region: the parent DNS zone. Composes only. */
export class GlobalStack extends TerraformStack {
  constructor(scope: Construct, props: GlobalStackProps) {
    super(scope, GLOBAL_STACK_NAME);
    const { global, domain } = props.catalogue;
    const tags = standardTags(global.tags, { environment: 'global', stack: GLOBAL_STACK_NAME });
    const sandbox = global.sandbox ? { url: global.sandbox.awsEndpoint } : undefined;
    configureRemoteState(this, { state: global.state, stackName: GLOBAL_STACK_NAME, sandbox });
    regionalAwsProvider(this, 'aws', { region: global.region, accountId: global.account, tags, sandbox });
    const zone = new Route53Zone(this, 'ParentZone', { name: domain, comment: 'Parent zone; regions are delegated sub-zones' });
    new TerraformOutput(this, 'parent_zone_id', { value: zone.zoneId });
  }
}
