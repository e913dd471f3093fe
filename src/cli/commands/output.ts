/** Plain-text output for people; --json prints the data itself. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A left-aligned table with a header row; empty cells show as "-". */
export function printTable(headers: string[], rows: Array<Array<string | number | null | undefined>>): void {
  const cells = [
    headers,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c)))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const row of cells) {
    process.stdout.write(
      `${row
        .map((c, i) => (c ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

export function printFields(fields: Array<[string, string | number | boolean | null | undefined]>): void {
  const width = Math.max(...fields.map(([k]) => k.length));
  for (const [key, value] of fields) {
    process.stdout.write(
      `${key.padEnd(width)}  ${value === null || value === undefined || value === '' ? '-' : String(value)}\n`,
    );
  }
}
