import { eq } from 'drizzle-orm';
import type { BookingReminderSettings } from '../core/assistant-settings.js';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';

/** ari_config.booking_reminders' default: the day before and the hour before, no template. */
export const DEFAULT_BOOKING_REMINDERS: BookingReminderSettings = { offsetsMinutes: [1440, 60], template: null };

/** The workspace's reminder settings (the defaults when it has no ari_config row). */
export async function loadBookingReminderSettings(
  db: AriDatabase | AriTransaction,
  workspaceId: string,
): Promise<BookingReminderSettings> {
  const [row] = await db
    .select({ settings: ariConfig.bookingReminders })
    .from(ariConfig)
    .where(eq(ariConfig.workspaceId, workspaceId))
    .limit(1);
  return row?.settings ?? DEFAULT_BOOKING_REMINDERS;
}
