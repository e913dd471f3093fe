/** Rows of a raw SQL query, on either engine (both drivers answer with `{ rows }`). */
import type { SQL } from 'drizzle-orm';
import type { AriDatabase, AriTransaction } from './open-database.js';

export async function selectRows<Row>(db: AriDatabase | AriTransaction, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
