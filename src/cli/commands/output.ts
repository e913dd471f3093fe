/** Plain-text output for people; --json prints the data itself. */
import type { TextOut } from './cli-io.js';

export function printJson(out: TextOut, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A left-aligned table with a header row; empty cells show as "-". */
export function printTable(
  out: TextOut,
  headers: string[],
  rows: Array<Array<string | number | null | undefined>>,
): void {
  const cells = [
    headers,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c)))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const row of cells) {
    out.write(
      `${row
        .map((c, i) => (c ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

export function printFields(out: TextOut, fields: Array<[string, string | number | boolean | null | undefined]>): void {
  const width = Math.max(...fields.map(([k]) => k.length));
  for (const [key, value] of fields) {
    out.write(`${key.padEnd(width)}  ${value === null || value === undefined || value === '' ? '-' : String(value)}\n`);
  }
}
