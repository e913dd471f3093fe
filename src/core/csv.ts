/** RFC 4180 CSV: fields with a comma, quote or line break are quoted; lines end in CRLF. */

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
