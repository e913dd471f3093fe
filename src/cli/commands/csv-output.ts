import { csvLine } from '../../core/csv.js';

/** CSV on stdout, a header line first. */
export function printCsv(headers: string[], rows: Array<Array<string | number | null | undefined>>): void {
  for (const row of [headers, ...rows]) process.stdout.write(csvLine(row));
}
