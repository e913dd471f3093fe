import { csvLine } from '../../core/csv.js';
import type { TextOut } from './cli-io.js';

/** CSV on stdout, a header line first. */
export function printCsv(
  out: TextOut,
  headers: string[],
  rows: Array<Array<string | number | null | undefined>>,
): void {
  for (const row of [headers, ...rows]) out.write(csvLine(row));
}
