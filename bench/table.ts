// Prints benchmark rows as an aligned plain-text table (console.table quotes strings and adds an index column).

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (no rows)');
    return;
  }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) =>
    '  ' + values.map((value, i) => (/^-?[\d.,]+$/.test(value) ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join('  ');
  console.log(line(columns));
  console.log('  ' + widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}
