import { globMatch } from '../private/glob';
import { Rule, RuleLevel } from './rule';
import type { SynthesizedStackJson } from '../synthesized/synthesized-output';
import { resourcesOf, stackView } from './stack-view';
import { SUPPRESSIONS_KEY } from './suppression';

/** A suppression kept outside the code (in the catalogue): a rule, where it applies (globs), and why. */
export interface ExternalSuppression {
  readonly rule: string;
  /** Stack name globs. @default ['*'] */
  readonly stacks?: readonly string[];
  /** Construct path globs (`prod-westeurope/ArtifactoryBacking/*`). @default ['*'] */
  readonly paths?: readonly string[];
  readonly reason: string;
}

/** One rule's finding on one resource. */
export interface Finding {
  readonly stack: string;
  readonly address: string;
  readonly path: string;
  readonly rule: string;
  readonly level: RuleLevel;
  readonly message: string;
  /** Why the rule is suppressed here, and where that was said; absent when the finding is open. */
  readonly suppressed?: { readonly reason: string; readonly source: 'code' | 'catalogue' };
}

/** The id of the finding an unused suppression becomes. */
export const UNUSED_SUPPRESSION = 'KORE-UNUSED-SUPPRESSION';

export interface Evaluation {
  readonly findings: Finding[];
  /** Findings that are neither suppressed nor warnings: these fail synth. */
  readonly errors: Finding[];
}


/**
 * Checks every resource of every stack against every rule. A finding is suppressed by the resource's own
 * (code) suppressions first, then by the first matching external one; a suppression that suppresses nothing is
 * reported itself, as a warning, so stale exceptions do not pile up.
 */
export function evaluateGuardrails(stacks: Readonly<Record<string, SynthesizedStackJson>>, rules: readonly Rule[], external: readonly ExternalSuppression[] = []): Evaluation {
  const findings: Finding[] = [];
  const usedExternal = new Set<number>();
  const codeSuppressions = new Map<string, { stack: string; rule: string; reason: string; path: string; used: boolean }>();
  const byType = new Map<string, Rule[]>();
  for (const rule of rules) for (const t of rule.appliesTo) byType.set(t, [...(byType.get(t) ?? []), rule]);

  for (const [stack, json] of Object.entries(stacks)) {
    const view = stackView(stack, json);
    for (const resource of resourcesOf(json)) {
      const own: Record<string, string> = resource.config['//']?.[SUPPRESSIONS_KEY] ?? {};
      for (const [rule, reason] of Object.entries(own)) {
        const key = `${stack}\u0000${rule}\u0000${reason}`;
        if (!codeSuppressions.has(key)) codeSuppressions.set(key, { stack, rule, reason, path: resource.path, used: false });
      }
      for (const rule of byType.get(resource.type) ?? []) {
        if (rule.check(resource, view) !== 'non-compliant') continue;
        const base = { stack, address: resource.address, path: resource.path, rule: rule.id, level: rule.level, message: rule.message };
        if (own[rule.id]) {
          const used = codeSuppressions.get(`${stack}\u0000${rule.id}\u0000${own[rule.id]}`);
          if (used) used.used = true;
          findings.push({ ...base, suppressed: { reason: own[rule.id], source: 'code' } });
          continue;
        }
        const match = external.findIndex(
          (s) => s.rule === rule.id && (s.stacks ?? ['*']).some((p) => globMatch(p, stack)) && (s.paths ?? ['**']).some((p) => globMatch(p, resource.path)),
        );
        if (match >= 0) {
          usedExternal.add(match);
          findings.push({ ...base, suppressed: { reason: external[match].reason, source: 'catalogue' } });
        } else {
          findings.push(base);
        }
      }
    }
  }
  for (const s of codeSuppressions.values()) {
    if (!s.used) findings.push({ stack: s.stack, address: '-', path: s.path, rule: UNUSED_SUPPRESSION, level: 'warning', message: `suppression of ${s.rule} suppresses nothing ("${s.reason}")` });
  }
  external.forEach((s, i) => {
    if (!usedExternal.has(i)) {
      findings.push({ stack: (s.stacks ?? ['*']).join(','), address: '-', path: (s.paths ?? ['**']).join(','), rule: UNUSED_SUPPRESSION, level: 'warning', message: `catalogue suppression ${i + 1} of ${s.rule} suppresses nothing ("${s.reason}")` });
    }
  });
  return { findings, errors: findings.filter((f) => f.level === 'error' && !f.suppressed) };
}

/** `<stack> <resource address> (<construct path>): <rule id> <message>`: how synth prints an open error. */
export function findingLine(f: Finding): string {
  return `${f.stack} ${f.address} (${f.path}): ${f.rule} ${f.message}`;
}
