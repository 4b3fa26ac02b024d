import type { CommandSpec } from './command-spec';
import { ADOPT_COMMAND } from './adopt';
import { DRIFT_CHECK_COMMAND } from './drift-check';
import { GUARDRAILS_COMMAND } from './guardrails';
import { PLAN_REPORT_COMMAND } from './plan-report';
import { ROLLOUT_COMMAND } from './rollout';
import { STACKS_COMMAND } from './stacks';
import { SYNTH_COMMAND } from './synth';
import { VALIDATE_COMMAND } from './validate';

/** Every command with flags, in the order the commands reference lists them. */
export const COMMANDS: readonly CommandSpec[] = [SYNTH_COMMAND, VALIDATE_COMMAND, STACKS_COMMAND, PLAN_REPORT_COMMAND, DRIFT_CHECK_COMMAND, ADOPT_COMMAND, ROLLOUT_COMMAND, GUARDRAILS_COMMAND];
