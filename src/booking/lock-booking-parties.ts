import { and, asc, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';

/**
 * Locks a booking's contact, then the contact's conversations, for this transaction: the order
 * a reply turn takes them (claimTurn in reply-to-conversation.ts) and an ingest too. Every
 * booking change and the reminder worker call this before they lock a booking or a reminder
 * and before they write the conversation, so a staff cancel and a reply turn of the same
 * customer queue up behind each other instead of each holding what the other waits for
 * (a deadlock on PostgreSQL). Taken again in a transaction that holds them already, it waits
 * for nothing.
 */
export async function lockBookingParties(tx: AriTransaction, workspaceId: string, contactId: string): Promise<void> {
  const [contact] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)))
    .for('update');
  if (!contact) throw new UserError('no such contact in this workspace', 'not_found');
  await tx
    .select({ id: ariConversations.id })
    .from(ariConversations)
    .where(and(eq(ariConversations.workspaceId, workspaceId), eq(ariConversations.contactId, contactId)))
    .orderBy(asc(ariConversations.id))
    .for('update');
}
