import { renderGuardrailsMarkdown } from '../../cli/guardrails/render';
import { junitCounts, junitXml, xmlEscape } from '../../cli/report/junit';
import { markdownTable, tableCell } from '../../cli/report/markdown-table';
import type { Evaluation } from '../../lib/guardrails/evaluate';
import { GUARDRAIL_PACK } from '../../lib/guardrails/pack';

/** The cells of a Markdown table row, split on unescaped pipes. */
const cells = (row: string) => row.slice(2, -2).split(/(?<!\\)\| /).map((c) => c.trim());

describe('the one Markdown table', () => {
  it('escapes a pipe and folds a newline in any cell, so a row keeps its columns', () => {
    const [head, align, row] = markdownTable(['a', 'b'], [['x | y', 'line1\nline2']]);
    expect(head).toBe('| a | b |');
    expect(align).toBe('| --- | --- |');
    expect(row).toBe('| x \\| y | line1<br>line2 |');
    expect(cells(row)).toHaveLength(2);
    expect(tableCell('`a|b`')).toBe('`a\\|b`');
  });

  it('right-aligns the columns asked for and refuses a row of the wrong width', () => {
    expect(markdownTable(['n', 's'], [], [0])[1]).toBe('| ---: | --- |');
    expect(() => markdownTable(['a', 'b'], [['only one']])).toThrow(/a row of 1 cells under 2 headers/);
  });

  it('keeps the guardrails table whole when a suppression reason holds a pipe', () => {
    const ev = {
      findings: [{ level: 'error', rule: 'AWS-S3-001', stack: 's', address: 'aws_s3_bucket.b', path: 's/B', message: 'not versioned', suppressed: { source: 'catalogue', reason: 'logs | audit trail kept elsewhere for a year' } }],
      errors: [],
      warnings: [],
    } as unknown as Evaluation;
    const row = renderGuardrailsMarkdown(ev, GUARDRAIL_PACK).split('\n').find((l) => l.startsWith('| error'))!;
    expect(cells(row)).toHaveLength(6);
    expect(row).toContain('logs \\| audit trail');
  });
});

describe('the one JUnit writer', () => {
  it('escapes every name and message, writes the attributes given in order, and counts cases', () => {
    const cases = [
      { classname: 'c<1>', name: 'a&b', timeMs: 1500 },
      { classname: 'c', name: 'f', failure: { type: 'drift', message: 'say "x"', body: '<body>' } },
      { classname: 'c', name: 'e', error: { type: 'error', message: "it's" } },
      { classname: 'c', name: 's', skipped: { message: 'later' } },
      { classname: 'c', name: 'o', systemOut: 'a\nb' },
    ];
    const n = junitCounts(cases);
    expect(n).toEqual({ tests: 5, failures: 1, errors: 1, skipped: 1 });
    const xml = junitXml('root', [['tests', 5]], [{ name: 'suite "1"', attributes: [['tests', n.tests], ['failures', n.failures]], cases }]);
    expect(xml).toContain('<testsuites name="root" tests="5">');
    expect(xml).toContain('<testsuite name="suite &quot;1&quot;" tests="5" failures="1">');
    expect(xml).toContain('<testcase classname="c&lt;1&gt;" name="a&amp;b" time="1.500"/>');
    expect(xml).toContain('<failure type="drift" message="say &quot;x&quot;">&lt;body&gt;</failure>');
    expect(xml).toContain('<error type="error" message="it&apos;s"/>');
    expect(xml).toContain('<skipped message="later"/>');
    expect(xml).toContain('<system-out>a\nb</system-out>');
    expect(xmlEscape(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });
});

describe('the one whole-number flag parser', () => {
  const { integerFlag } = require('../../cli/errors');
  it.each([['0'], ['17'], ['1.5'], ['two'], [''], [' ']])('refuses %j in one line naming the flag and the range', (value) => {
    expect(() => integerFlag('concurrency', value, 1, 16)).toThrow(`--concurrency must be a whole number from 1 to 16 (got "${value}")`);
  });
  it('accepts the bounds and leaves an absent flag to the default', () => {
    expect(integerFlag('concurrency', '1', 1, 16)).toBe(1);
    expect(integerFlag('concurrency', '16', 1, 16)).toBe(16);
    expect(integerFlag('concurrency', undefined, 1, 16)).toBeUndefined();
  });
});
