import { defineCommand } from './command-spec';

/** `npm run stacks`: its help and the flags it parses (docs/commands.md is generated from this). */
export const STACKS_COMMAND = defineCommand({
  name: 'stacks',
  help: `usage: npm run stacks -- [--regions FILE] [--json] [--stacks NAME|GLOB,…] [--layer LAYER] [--include-bootstrap]

Lists the stacks of the catalogue with layer, cloud, region, environment, rollout wave and dependencies, in
rollout order (wave, then a region's infrastructure before its platform; global after the regions).
  --json               a JSON array (the CI matrix source: runner, credentials, dependencies per stack)
  --stacks PATTERNS    only these stacks (names or globs, comma-separated or repeated)
  --layer LAYER        only this layer: infrastructure, platform, global or bootstrap
  --include-bootstrap  also list the bootstrap stack (local state; not run by pipelines)
Exit codes: 0, or 1 on an invalid catalogue or flags.`,
  options: {
    regions: { type: 'string' },
    json: { type: 'boolean' },
    stacks: { type: 'string', multiple: true },
    layer: { type: 'string' },
    'include-bootstrap': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
