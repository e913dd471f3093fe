/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted; lines end in CRLF.
 *
 * Cells are also neutralised against formula injection (OWASP "CSV injection"): a customer
 * chooses their own WhatsApp profile name, and `=HYPERLINK(…)` in a leads export would become
 * a live formula in the spreadsheet that opens it. A text cell starting with `=`, `+`, `-`,
 * `@`, tab or carriage return gets a leading apostrophe, which spreadsheets read as "this is
 * text". Plain numbers and phone numbers (`-3`, `+6281234567890`) cannot run anything and
 * stay as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d.]{0,30}$/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
