import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Brings existing cloud resources under a stack's management: each construct path (relative to the stack, as
 * `npm run adopt` lists them, e.g. `Network/Vpc`) names the resource that takes over the cloud resource with the
 * given id (`vpc-0abc…`, a hosted zone id, a bucket name, an Azure resource id). Synth then emits a Terraform
 * `import` block for it, so the plan shows an import, not a create — and, when the declared configuration differs
 * from what exists, the change that import would bring (review that first: the seeds' "make the model match
 * reality before changing reality").
 */
export function adoptResources(stack: TerraformStack, adopt: Readonly<Record<string, string>>): void {
  const resources = new Map<string, TerraformResource>();
  const walk = (c: IConstruct) => {
    if (c instanceof TerraformResource) resources.set(relativePath(stack, c), c);
    for (const child of c.node.children) walk(child);
  };
  walk(stack);
  for (const [path, id] of Object.entries(adopt)) {
    const resource = resources.get(path);
    if (!resource) {
      const near = [...resources.keys()].filter((p) => p.split('/')[0] === path.split('/')[0]).slice(0, 8);
      throw new Error(`adopt.${path}: no resource at this construct path${near.length ? ` (under ${path.split('/')[0]}: ${near.join(', ')})` : ''}; \`npm run adopt -- --stack ${stack.node.id}\` lists them`);
    }
    if (!id.trim()) throw new Error(`adopt.${path}: the cloud id is empty`);
    resource.importFrom(id);
  }
}

/** A construct's path below its stack (`Network/Vpc`). */
export function relativePath(stack: TerraformStack, c: IConstruct): string {
  return c.node.path.slice(stack.node.path.length + 1);
}
