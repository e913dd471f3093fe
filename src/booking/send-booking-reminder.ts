/**
 * The `booking-reminder` job: decides, in ONE transaction with the reminder row locked, what
 * becomes of a due reminder, and when it is a message, puts it in the outbox in that same
 * transaction (status `queued` + message_id commit with the outbox row). So a reminder is
 * claimed before anything is sent: a second run, a retry or a restart finds it `queued` and
 * does nothing; the outbox's own claim-before-send keeps the message itself to one send.
 *
 * - not `scheduled` any more (queued, skipped, cancelled): nothing — at most once;
 * - the booking is no longer `booked`: cancelled; it has already started: skipped;
 * - a customer who opted out of marketing messages still gets it: a reminder of their own
 *   booking is a utility message, not marketing;
 * - a nearer reminder of the same booking is due too (found late, after downtime): skipped,
 *   so the customer gets one reminder, the most recent, not two at once;
 * - the 24-hour window is open for 15 more minutes at least: a text reminder in the customer's
 *   language (nearer its end the send worker could find it closed and refuse the text);
 * - else: the workspace's approved template, or skipped with the reason when there is none.
 *
 * The contact and its conversation are locked before the reminder row (lock-booking-parties.ts),
 * in the order a reply turn or a chat cancel takes them, as this writes the conversation.
 *
 * The message's role is `system`: it is ARI's scheduled notice, not a reply the assistant
 * composed (no model, no turn), so it does not count as an assistant turn; the Mouth still
 * reads it in the history as the business's message, and the inbox shows it as automatic.
 */
import { and, eq, lt, lte, sql } from 'drizzle-orm';
import { isWindowOpen } from '../channels/customer-service-window.js';
import type { ServiceContext } from '../context/service-context.js';
import { LANGUAGES, type Language } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import {
  ariConfig,
  ariConversations,
  bookingReminders,
  bookingResources,
  bookings,
  contacts,
  workspaces,
} from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import { queueOutboundMessage } from '../outbox/queue-outbound-message.js';
import { contactConversation } from './contact-conversation.js';
import { lockBookingParties } from './lock-booking-parties.js';
import type { BookingReminderJobData } from './booking-reminder-job.js';
import { queueBookingReminderJob } from './booking-reminder-job.js';
import { reminderTemplate, reminderText, type ReminderFacts } from './booking-reminder-message.js';
import { DEFAULT_BOOKING_REMINDERS } from './booking-reminder-settings.js';

export type ReminderOutcome = 'queued' | 'skipped' | 'cancelled' | 'already_done' | 'not_due' | 'gone';

/** The job is due by the database's clock; this process's may lag a little behind it. */
const CLOCK_SKEW_MS = 60_000;

/** A text reminder needs this much of the 24-hour window left, so its send still finds it open. */
const WINDOW_MARGIN_MS = 15 * 60_000;

export const NO_TEMPLATE_REASON = 'outside the 24-hour window and no reminder template';

export async function sendBookingReminder(
  ctx: ServiceContext,
  job: BookingReminderJobData,
  now = new Date(),
): Promise<ReminderOutcome> {
  const { outcome, conversationId } = await ctx.database.db.transaction((tx) => decide(ctx, tx, job, now));
  if (conversationId) {
    ctx.jobs.wake(QUEUES.send);
    ctx.events.publish(job.workspaceId, { type: 'conversation.changed', conversationId });
  }
  ctx.logger.info({ reminderId: job.reminderId, outcome }, 'booking reminder');
  return outcome;
}

async function decide(
  ctx: ServiceContext,
  tx: AriTransaction,
  job: BookingReminderJobData,
  now: Date,
): Promise<{ outcome: ReminderOutcome; conversationId?: string }> {
  const ofReminder = and(eq(bookingReminders.workspaceId, job.workspaceId), eq(bookingReminders.id, job.reminderId));
  // Whose reminder: their contact and conversation are locked before the reminder row.
  const [party] = await tx
    .select({ contactId: bookings.contactId })
    .from(bookingReminders)
    .innerJoin(
      bookings,
      and(eq(bookings.workspaceId, bookingReminders.workspaceId), eq(bookings.id, bookingReminders.bookingId)),
    )
    .where(ofReminder);
  if (!party) return { outcome: 'gone' }; // deleted with its booking or workspace
  await lockBookingParties(tx, job.workspaceId, party.contactId);
  const [reminder] = await tx.select().from(bookingReminders).where(ofReminder).for('update');
  if (!reminder) return { outcome: 'gone' }; // deleted with its booking or workspace
  if (reminder.status !== 'scheduled') return { outcome: 'already_done' };
  if (reminder.dueAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    // Early (run by hand, or a clock far behind the database's): wait for its time.
    await queueBookingReminderJob(ctx, { ...job, dueAt: reminder.dueAt }, tx);
    return { outcome: 'not_due' };
  }
  const settle = async (status: 'skipped' | 'cancelled', reason: string) => {
    await tx.update(bookingReminders).set({ status, reason, updatedAt: sql`now()` }).where(ofReminder);
    return { outcome: status };
  };

  const [row] = await tx
    .select({
      booking: bookings,
      contact: contacts,
      resource: { name: bookingResources.name, location: bookingResources.location },
      timezone: workspaces.timezone,
      settings: ariConfig.bookingReminders,
      workspaceLanguage: ariConfig.language,
    })
    .from(bookings)
    .innerJoin(contacts, and(eq(contacts.workspaceId, bookings.workspaceId), eq(contacts.id, bookings.contactId)))
    .innerJoin(
      bookingResources,
      and(eq(bookingResources.workspaceId, bookings.workspaceId), eq(bookingResources.id, bookings.resourceId)),
    )
    .innerJoin(workspaces, eq(workspaces.id, bookings.workspaceId))
    .leftJoin(ariConfig, eq(ariConfig.workspaceId, bookings.workspaceId))
    .where(and(eq(bookings.workspaceId, reminder.workspaceId), eq(bookings.id, reminder.bookingId)));
  if (!row) return { outcome: 'gone' };
  const { booking, contact } = row;
  if (booking.status !== 'booked') return settle('cancelled', `the booking is ${booking.status}`);
  if (booking.startsAt <= now) return settle('skipped', 'the booking had already started');
  // Found late (the server was down): when a nearer reminder of the booking is due too, that one speaks.
  const [nearer] = await tx
    .select({ offsetMinutes: bookingReminders.offsetMinutes })
    .from(bookingReminders)
    .where(
      and(
        eq(bookingReminders.workspaceId, reminder.workspaceId),
        eq(bookingReminders.bookingId, reminder.bookingId),
        lt(bookingReminders.offsetMinutes, reminder.offsetMinutes),
        lte(bookingReminders.dueAt, now),
      ),
    )
    .limit(1);
  if (nearer) return settle('skipped', `the ${nearer.offsetMinutes}-minute reminder was due too`);

  // The customer's thread: the booking's own, else the contact's (one begun after the booking was made).
  const [own] = booking.conversationId
    ? await tx
        .select({ id: ariConversations.id, lastInboundAt: ariConversations.lastInboundAt })
        .from(ariConversations)
        .where(
          and(eq(ariConversations.workspaceId, booking.workspaceId), eq(ariConversations.id, booking.conversationId)),
        )
    : [];
  const conversation = own ?? (await contactConversation(tx, booking.workspaceId, booking.contactId));
  if (!conversation) return settle('skipped', 'the customer has no WhatsApp conversation to send it to');

  const facts: ReminderFacts = {
    customerName: contact.name,
    startsAt: booking.startsAt,
    timezone: row.timezone,
    resourceName: row.resource.name,
    location: row.resource.location,
  };
  const language = customerLanguage(contact.metadata, row.workspaceLanguage ?? 'id');
  const base = {
    workspaceId: booking.workspaceId,
    conversationId: conversation.id,
    role: 'system' as const,
    metadata: { bookingReminder: { reminderId: reminder.id, bookingId: booking.id } },
  };
  let messageId: string;
  if (isWindowOpen(conversation.lastInboundAt, new Date(now.getTime() + WINDOW_MARGIN_MS))) {
    messageId = await queueOutboundMessage(ctx, tx, { ...base, content: reminderText(facts, language) });
  } else {
    const template = (row.settings ?? DEFAULT_BOOKING_REMINDERS).template;
    if (!template) return settle('skipped', NO_TEMPLATE_REASON);
    const filled = reminderTemplate(facts, template, language);
    messageId = await queueOutboundMessage(ctx, tx, { ...base, content: filled.content, template: filled.template });
  }
  await tx
    .update(bookingReminders)
    .set({ status: 'queued', messageId, reason: null, updatedAt: sql`now()` })
    .where(ofReminder);
  return { outcome: 'queued', conversationId: conversation.id };
}

/** The language the customer last wrote in (kept with the lead), else the assistant's. */
function customerLanguage(metadata: Record<string, unknown>, fallback: Language): Language {
  const language = metadata.language;
  return LANGUAGES.includes(language as Language) ? (language as Language) : fallback;
}
