import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context/service-context.js';
import type { AriTransaction } from '../db/open-database.js';
import { bookingResources, contacts, workspaces } from '../db/schema.js';
import { type BookingNotice, queueTeamNotice } from '../handoff/notify-team.js';
import type { Booking } from './booking.js';
import type { BookingEffects } from './booking-change.js';
import { followBookingInConversation } from './follow-booking-in-conversation.js';
import { cancelBookingReminders, scheduleBookingReminders } from './schedule-booking-reminders.js';

/**
 * What a booking change sets off, inside its transaction: the team's signed `booking.*`
 * webhook (queued, so it is sent once the change commits and never for one rolled back), and
 * the customer's reminders (schedule-booking-reminders.ts): made for a new booking, cancelled
 * with the old one; and the conversation's state (booked, or back to scheduling). `now` is when the change happens (the same clock as the booking call's).
 */
export function bookingEffects(ctx: ServiceContext, options: { now?: Date } = {}): BookingEffects {
  return async (tx, change) => {
    const now = options.now ?? new Date();
    const notice = await bookingNotice(tx, change.booking);
    await followBookingInConversation(tx, change, now);
    switch (change.type) {
      case 'booking.created':
        await scheduleBookingReminders(ctx, tx, change.booking, now);
        await queueTeamNotice(ctx, tx, change.type, notice);
        return;
      case 'booking.cancelled':
        await cancelBookingReminders(tx, change.booking, 'the booking was cancelled');
        await queueTeamNotice(ctx, tx, change.type, notice);
        return;
      case 'booking.rescheduled': {
        const { id, startsAt, endsAt } = change.previous;
        await cancelBookingReminders(
          tx,
          change.previous,
          `the booking was moved to ${change.booking.startsAt.toISOString()}`,
        );
        await scheduleBookingReminders(ctx, tx, change.booking, now);
        await queueTeamNotice(ctx, tx, change.type, {
          ...notice,
          previous: { id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
        });
        return;
      }
    }
  };
}

async function bookingNotice(tx: AriTransaction, booking: Booking): Promise<BookingNotice> {
  const [row] = await tx
    .select({ workspace: workspaces, resource: bookingResources, contact: contacts })
    .from(bookingResources)
    .innerJoin(workspaces, eq(workspaces.id, bookingResources.workspaceId))
    .innerJoin(
      contacts,
      and(eq(contacts.workspaceId, bookingResources.workspaceId), eq(contacts.id, booking.contactId)),
    )
    .where(and(eq(bookingResources.workspaceId, booking.workspaceId), eq(bookingResources.id, booking.resourceId)));
  const { workspace, resource, contact } = row!;
  return {
    workspace: { id: workspace.id, slug: workspace.slug, timezone: workspace.timezone },
    booking: {
      id: booking.id,
      status: booking.status,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      resource: { id: resource.id, name: resource.name, location: resource.location },
      conversationId: booking.conversationId,
    },
    contact: { id: contact.id, phone: contact.phone, username: contact.username, name: contact.name },
  };
}
