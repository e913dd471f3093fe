import { desc, eq, sql } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { contacts } from '../db/schema.js';

/** A workspace's contacts, highest lead score first. */
export async function listContacts(db: AriDatabase, workspaceId: string, limit = 100) {
  return db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(desc(sql`coalesce(${contacts.leadScore}, -1)`), desc(contacts.updatedAt))
    .limit(Math.min(limit, 1000));
}
