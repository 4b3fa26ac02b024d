import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../cli/errors';
import { withRulesTable } from '../cli/guardrails/rules-doc';
import { GUARDRAIL_PACK } from '../lib/guardrails/pack';

/** Rewrites the README's table of guardrail rules from the pack (a test fails when they differ). */
void runCli('docs:rules', () => {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withRulesTable(readme, GUARDRAIL_PACK));
  process.stdout.write(`README.md: ${GUARDRAIL_PACK.length} guardrail rules\n`);
  return 0;
});
