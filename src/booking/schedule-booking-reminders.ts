/**
 * A booking's reminders, made in the booking's transaction (booking-effects.ts): one row per
 * offset of the workspace's settings at that moment, each with its `booking-reminder` job due
 * at `starts_at − offset`. A time already past when the booking is made gets a `skipped` row
 * with the reason rather than a reminder right after the confirmation (the customer just
 * chose that time). Changing the settings later shapes the bookings made or moved afterwards.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context/service-context.js';
import type { AriTransaction } from '../db/open-database.js';
import { bookingReminders } from '../db/schema.js';
import type { Booking } from './booking.js';
import { queueBookingReminderJob } from './booking-reminder-job.js';
import { loadBookingReminderSettings } from './booking-reminder-settings.js';

export async function scheduleBookingReminders(
  ctx: ServiceContext,
  tx: AriTransaction,
  booking: Booking,
  now: Date,
): Promise<void> {
  const { offsetsMinutes } = await loadBookingReminderSettings(tx, booking.workspaceId);
  for (const offsetMinutes of offsetsMinutes) {
    const dueAt = new Date(booking.startsAt.getTime() - offsetMinutes * 60_000);
    const late = dueAt.getTime() <= now.getTime();
    const [reminder] = await tx
      .insert(bookingReminders)
      .values({
        workspaceId: booking.workspaceId,
        bookingId: booking.id,
        offsetMinutes,
        dueAt,
        status: late ? 'skipped' : 'scheduled',
        reason: late ? `booked less than ${describeOffset(offsetMinutes)} before the start` : null,
      })
      .onConflictDoNothing()
      .returning({ id: bookingReminders.id });
    if (reminder && !late)
      await queueBookingReminderJob(ctx, { workspaceId: booking.workspaceId, reminderId: reminder.id, dueAt }, tx);
  }
}

/** The booking's reminders not sent yet will not be: cancelled, with the reason. */
export async function cancelBookingReminders(
  tx: AriTransaction,
  booking: Pick<Booking, 'workspaceId' | 'id'>,
  reason: string,
): Promise<void> {
  await tx
    .update(bookingReminders)
    .set({ status: 'cancelled', reason, updatedAt: sql`now()` })
    .where(
      and(
        eq(bookingReminders.workspaceId, booking.workspaceId),
        eq(bookingReminders.bookingId, booking.id),
        eq(bookingReminders.status, 'scheduled'),
      ),
    );
}

/** 1440 → "24 hours", 90 → "90 minutes". */
function describeOffset(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
