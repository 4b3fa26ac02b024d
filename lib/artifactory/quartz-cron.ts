/**
 * Validates a Quartz cron expression, the format Artifactory replication schedules use
 * (`sec min hour day-of-month month day-of-week [year]`, e.g. `0 0 0/6 * * ?`), not Unix cron.
 * Returns a one-line reason when invalid, undefined when valid.
 */
export function quartzCronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) return `Quartz cron has 6 or 7 fields (seconds first), got ${fields.length}`;
  const [sec, min, hour, dom, month, dow, year] = fields;
  const checks: [string, string, number, number, Record<string, number>?][] = [
    ['seconds', sec, 0, 59],
    ['minutes', min, 0, 59],
    ['hours', hour, 0, 23],
    ['day-of-month', dom, 1, 31],
    ['month', month, 1, 12, MONTHS],
    ['day-of-week', dow, 1, 7, DAYS],
  ];
  if (year !== undefined) checks.push(['year', year, 1970, 2099]);
  for (const [name, field, lo, hi, names] of checks) {
    const problem = fieldProblem(name, field, lo, hi, names);
    if (problem) return problem;
  }
  // Quartz needs exactly one of day-of-month and day-of-week to be '?'.
  if ((dom === '?') === (dow === '?')) return "exactly one of day-of-month and day-of-week must be '?'";
  return undefined;
}

const MONTHS: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const DAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

function fieldProblem(name: string, field: string, lo: number, hi: number, names?: Record<string, number>): string | undefined {
  if (field === '*') return undefined;
  if (field === '?') return name === 'day-of-month' || name === 'day-of-week' ? undefined : `'?' is only allowed in day-of-month or day-of-week`;
  if (name === 'day-of-month' && /^(L|L-\d{1,2}|LW|\d{1,2}W)$/.test(field)) return undefined;
  if (name === 'day-of-week' && /^([1-7]|[A-Z]{3})(L|#[1-5])$/.test(field)) return undefined;
  const value = (token: string): number | undefined => {
    if (/^\d+$/.test(token)) return Number(token);
    return names?.[token.toUpperCase()];
  };
  for (const part of field.split(',')) {
    const [range, step] = part.split('/');
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return `${name}: bad step "${step}" in "${field}"`;
    if (range === '*' && step !== undefined) continue;
    const [a, b] = range.split('-');
    const start = value(a);
    const end = b === undefined ? start : value(b);
    if (start === undefined || end === undefined) return `${name}: "${part}" is not a value, range or step`;
    if (start < lo || start > hi || end < lo || end > hi) return `${name}: "${part}" is outside ${lo}-${hi}`;
    if (end < start) return `${name}: range "${range}" runs backwards`;
  }
  return undefined;
}
