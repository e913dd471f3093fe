import { and, eq, type SQL } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../core/normalize-phone.js';
import { isUuid } from '../core/is-uuid.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { contacts } from '../db/schema.js';

export type Contact = typeof contacts.$inferSelect;

/** A contact named the way staff type it: its id, its phone (any usual form) or @username. */
export async function findContact(
  db: AriDatabase,
  workspaceId: string,
  ref: string,
  country: CountryCode = 'ID',
): Promise<Contact> {
  const text = ref.trim();
  const by: SQL = isUuid(text)
    ? eq(contacts.id, text)
    : text.startsWith('@')
      ? eq(contacts.username, text.slice(1))
      : eq(contacts.phone, normalizePhone(text, country));
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), by))
    .limit(1);
  if (!contact) throw new UserError(`no contact "${ref}" in this workspace`, 'not_found');
  return contact;
}
