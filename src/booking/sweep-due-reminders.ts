/**
 * At start: every reminder that is due and still `scheduled` gets its job (again). Its own job
 * normally exists, queued with the booking; this catches one lost (a job that used up its
 * retries, a queue emptied by hand). The jobs are singletons per reminder, so one still waiting
 * is not doubled, and the worker's locked check makes a second run harmless anyway.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { ServiceContext } from '../context/service-context.js';
import { bookingReminders } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { BookingReminderJobData } from './booking-reminder-job.js';

export async function sweepDueReminders(ctx: ServiceContext, now = new Date()): Promise<number> {
  const due = await ctx.database.db
    .select({ id: bookingReminders.id, workspaceId: bookingReminders.workspaceId })
    .from(bookingReminders)
    .where(and(eq(bookingReminders.status, 'scheduled'), lte(bookingReminders.dueAt, now)));
  if (due.length === 0) return 0;
  await ctx.jobs.insert(
    due.map((r) => ({
      name: QUEUES.bookingReminder,
      data: { workspaceId: r.workspaceId, reminderId: r.id } satisfies BookingReminderJobData,
      singletonKey: r.id,
    })),
  );
  ctx.jobs.wake(QUEUES.bookingReminder);
  ctx.logger.info({ count: due.length }, 'due booking reminders found at start: queued');
  return due.length;
}
