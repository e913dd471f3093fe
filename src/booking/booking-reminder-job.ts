/** The `booking-reminder` job: one per reminder, due at its time (what queues it and what works it share this). */
import type { AriTransaction } from '../db/open-database.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';

export interface BookingReminderJobData {
  workspaceId: string;
  reminderId: string;
}

/** Queues the reminder's job for `dueAt` (inside `tx` when given); a waiting one for it already is kept. */
export async function queueBookingReminderJob(
  ctx: ServiceContext,
  reminder: BookingReminderJobData & { dueAt: Date },
  tx?: AriTransaction,
): Promise<void> {
  const data: BookingReminderJobData = { workspaceId: reminder.workspaceId, reminderId: reminder.reminderId };
  await ctx.jobs.send(
    QUEUES.bookingReminder,
    data,
    { singletonKey: reminder.reminderId, startAfter: reminder.dueAt.toISOString() },
    tx,
  );
}
