/** Text for an XML attribute or element: the five predefined entities. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** One JUnit test case: at most one of failure, error, skipped; `systemOut` for a passing case worth a note. */
export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly timeMs?: number;
  readonly failure?: { readonly type: string; readonly message: string; readonly body?: string };
  readonly error?: { readonly type: string; readonly message: string };
  readonly skipped?: { readonly message: string };
  readonly systemOut?: string;
}

/** Attributes in the order they are written; the caller chooses which (CI test tabs read different sets). */
export type JunitAttributes = readonly (readonly [string, string | number])[];

export interface JunitSuite {
  readonly name: string;
  readonly attributes: JunitAttributes;
  readonly cases: readonly JunitCase[];
}

/** How many cases failed, errored and were skipped. */
export function junitCounts(cases: readonly JunitCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return { tests: cases.length, failures: cases.filter((c) => c.failure).length, errors: cases.filter((c) => c.error).length, skipped: cases.filter((c) => c.skipped).length };
}

const attrs = (a: JunitAttributes) => a.map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');

function testcase(c: JunitCase): string {
  const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}"${c.timeMs !== undefined ? ` time="${(c.timeMs / 1000).toFixed(3)}"` : ''}`;
  if (c.failure) {
    const f = c.failure;
    return `${open}>\n      <failure type="${xmlEscape(f.type)}" message="${xmlEscape(f.message)}"${f.body !== undefined ? `>${xmlEscape(f.body)}</failure>` : '/>'}\n    </testcase>`;
  }
  if (c.error) return `${open}>\n      <error type="${xmlEscape(c.error.type)}" message="${xmlEscape(c.error.message)}"/>\n    </testcase>`;
  if (c.skipped) return `${open}>\n      <skipped message="${xmlEscape(c.skipped.message)}"/>\n    </testcase>`;
  if (c.systemOut !== undefined) return `${open}>\n      <system-out>${xmlEscape(c.systemOut)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

/** The one JUnit XML writer: `<testsuites>` with the given suites, every name and message escaped. */
export function junitXml(name: string, rootAttributes: JunitAttributes, suites: readonly JunitSuite[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(name)}"${attrs(rootAttributes)}>`,
    ...suites.flatMap((s) => [`  <testsuite name="${xmlEscape(s.name)}"${attrs(s.attributes)}>`, ...s.cases.map(testcase), '  </testsuite>']),
    '</testsuites>',
    '',
  ].join('\n');
}
