import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** Synthesizes what `build` adds to a fresh stack (with an AWS provider) and returns the parsed JSON. */
export function synthAws(build: (scope: Construct) => void): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** Resources of one type, keyed by their Terraform name. */
export function byType(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** Resources of one type as a list. */
export function listOf(json: any, type: string): any[] {
  return Object.values(byType(json, type));
}
