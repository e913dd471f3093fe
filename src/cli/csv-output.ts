/** RFC 4180 CSV on stdout: fields with a comma, quote or line break are quoted. */
export function printCsv(headers: string[], rows: Array<Array<string | number | null | undefined>>): void {
  for (const row of [headers, ...rows]) process.stdout.write(`${row.map(csvField).join(',')}\r\n`);
}

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
