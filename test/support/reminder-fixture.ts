/**
 * A workspace whose consultant takes bookings at any hour (so tests book relative to the real
 * clock, which reminders run on), one WhatsApp customer and their Kapso conversation.
 */
import { eq } from 'drizzle-orm';
import type { BookingReminderSettings } from '../../src/core/assistant-settings.js';
import type { AriDatabase } from '../../src/db/open-database.js';
import { ariConfig, ariConversations, bookingAvailability, bookingResources, contacts } from '../../src/db/schema.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';

export interface ReminderFixture {
  workspaceId: string;
  slug: string;
  resourceId: string;
  contactId: string;
  conversationId: string;
  /** E.164, as stored. */
  phone: string;
}

export const REMINDER_LOCATION = 'https://meet.example.com/dewi';

export async function createReminderFixture(
  db: AriDatabase,
  options: {
    slug: string;
    phoneNumberId: string;
    phone: string;
    /** The customer's last message: within 24 hours opens the window. */
    lastInboundAt: Date;
    settings?: BookingReminderSettings;
    /** The language the customer wrote in (kept with the lead). */
    language?: 'id' | 'en';
  },
): Promise<ReminderFixture> {
  const workspace = await createWorkspace(db, {
    name: options.slug,
    slug: options.slug,
    timezone: 'Asia/Jakarta',
    kapsoPhoneId: options.phoneNumberId,
  });
  const [resource] = await db
    .insert(bookingResources)
    .values({
      workspaceId: workspace.id,
      name: 'Konsultan Dewi',
      slotMinutes: 60,
      leadTimeMinutes: 0,
      horizonDays: 4,
      location: REMINDER_LOCATION,
    })
    .returning();
  await db.insert(bookingAvailability).values(
    Array.from({ length: 7 }, (_, weekday) => ({
      workspaceId: workspace.id,
      resourceId: resource!.id,
      weekday,
      startTime: '00:00',
      endTime: '24:00',
    })),
  );
  const [contact] = await db
    .insert(contacts)
    .values({
      workspaceId: workspace.id,
      phone: options.phone,
      name: 'Budi',
      metadata: options.language ? { language: options.language } : {},
    })
    .returning();
  const [conversation] = await db
    .insert(ariConversations)
    .values({
      workspaceId: workspace.id,
      contactId: contact!.id,
      channel: 'kapso',
      state: 'booked',
      lastInboundAt: options.lastInboundAt,
    })
    .returning();
  if (options.settings)
    await db
      .update(ariConfig)
      .set({ bookingReminders: options.settings })
      .where(eq(ariConfig.workspaceId, workspace.id));
  return {
    workspaceId: workspace.id,
    slug: options.slug,
    resourceId: resource!.id,
    contactId: contact!.id,
    conversationId: conversation!.id,
    phone: options.phone,
  };
}

/** The first whole hour (a slot start: Jakarta is a whole number of hours from UTC) at least `minutes` after `now`. */
export function wholeHourAfter(now: Date, minutes: number): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil((now.getTime() + minutes * 60_000) / hour) * hour);
}

/** "Jumat, 27 November" and "14.00 WIB": the instant read in Jakarta, independently of ARI's formatting. */
export function jakartaReading(at: Date, language: 'id' | 'en'): { day: string; time: string } {
  const day = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(at);
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return { day, time: `${hh}${language === 'id' ? '.' : ':'}${mm} WIB` };
}
