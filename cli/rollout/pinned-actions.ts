/**
 * Every action the workflows use, pinned by full commit SHA (a tag can be moved to other code; a commit cannot),
 * with the release it is in comment. Dependabot (`.github/dependabot.yml`) proposes updates of both the SHA and
 * the comment. The generated deploy workflow takes them from here; tests hold the hand-written workflows to the
 * same pins.
 */
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', release: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020', release: 'v7.0.0' },
  setupTerraform: { uses: 'hashicorp/setup-terraform@dfe3c3f87815947d99a8997f908cb6525fc44e9e', release: 'v4.0.1' },
  awsCredentials: { uses: 'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c', release: 'v6.2.3' },
  azureLogin: { uses: 'azure/login@f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca', release: 'v3.0.1' },
  uploadArtifact: { uses: 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', release: 'v7.0.0' },
  downloadArtifact: { uses: 'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', release: 'v8.0.1' },
  githubScript: { uses: 'actions/github-script@ed597411d8f924073f98dfc5c65a23a2325f34cd', release: 'v8.0.0' },
  uploadSarif: { uses: 'github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e', release: 'v4.36.2' },
} as const;

/** `uses: <action>@<sha>` lines of YAML text with the release appended as a comment, as Dependabot keeps them. */
export function annotatePins(yamlText: string): string {
  let out = yamlText;
  for (const { uses, release } of Object.values(PINNED_ACTIONS)) out = out.split(`uses: ${uses}\n`).join(`uses: ${uses} # ${release}\n`);
  return out;
}

/** The Terraform CLI the workflows install: the version these machines test with. */
export const TERRAFORM_VERSION = '1.11.4';
