import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../cli/errors';
import { withRulesTable } from '../cli/guardrails/rules-doc';
import { GUARDRAIL_PACK } from '../lib/guardrails/pack';

/** The page that holds the table of guardrail rules. */
const PAGE = 'docs/guardrails.md';

/** Rewrites the guardrails page's table of rules from the pack (a test fails when they differ). */
void runCli('docs:rules', () => {
  const page = readFileSync(PAGE, 'utf8');
  writeFileSync(PAGE, withRulesTable(page, GUARDRAIL_PACK));
  process.stdout.write(`${PAGE}: ${GUARDRAIL_PACK.length} guardrail rules\n`);
  return 0;
});
