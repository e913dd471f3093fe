/** "Part of the customer's name, phone number or WhatsApp username", as the inbox and the leads list search. */
import { ilike, or, type SQL } from 'drizzle-orm';
import { contacts } from '../db/schema.js';

export function contactMatches(query: string | undefined): SQL | undefined {
  if (!query) return undefined;
  const digits = query.replace(/[\s-]/g, '');
  return or(
    ilike(contacts.name, `%${escapeLike(query)}%`),
    ilike(contacts.phone, `%${escapeLike(digits)}%`),
    ilike(contacts.username, `%${escapeLike(query.replace(/^@/, ''))}%`),
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
