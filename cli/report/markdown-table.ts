/** One cell of a Markdown table: a `|` would end the cell and a newline the row, so both are escaped. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * The one Markdown table of the reports: a header row, the alignment row (`---`, or `---:` for right-aligned
 * columns) and one row per entry, every cell escaped. Cells may hold Markdown (code spans, bold); only what breaks
 * the table is escaped.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header.map(tableCell)),
    line(header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---'))),
    ...rows.map((r) => {
      if (r.length !== header.length) throw new Error(`markdownTable: a row of ${r.length} cells under ${header.length} headers`);
      return line(r.map(tableCell));
    }),
  ];
}
