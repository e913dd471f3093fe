/**
 * Turns "text with $1 … $n placeholders" plus values into a drizzle SQL object,
 * so SQL written for node-postgres (pg-boss's) can run inside a drizzle
 * transaction on either engine. Values stay parameters; nothing is interpolated.
 */
import { sql, type SQL } from 'drizzle-orm';

export function positionalSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    const value = values[Number(match[1]) - 1];
    chunks.push(sql`${toParameter(value)}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** node-postgres sends objects as JSON and undefined as NULL; do the same on both engines. */
function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}
