/** A workspace with one bookable resource and as many contacts as a booking test needs. */
import type { AriDatabase } from '../../src/db/open-database.js';
import { bookingAvailability, bookingResources, contacts } from '../../src/db/schema.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';

export interface BookingFixture {
  workspaceId: string;
  resourceId: string;
  contactIds: string[];
}

/** Thursday 26 November 2026, 08:00 WIB: "now" in booking tests. */
export const BOOKING_NOW = new Date('2026-11-26T01:00:00Z');

/** The instant of a local Jakarta time on Friday 27 November 2026 ('09:00' → 02:00 UTC). */
export function fridayAt(time: string): Date {
  return new Date(`2026-11-27T${time}:00+07:00`);
}

export async function createBookingFixture(
  db: AriDatabase,
  slug: string,
  options: { contacts: number; capacity?: number; bufferMinutes?: number; timezone?: string },
): Promise<BookingFixture> {
  const workspace = await createWorkspace(db, { name: slug, slug, timezone: options.timezone ?? 'Asia/Jakarta' });
  const [resource] = await db
    .insert(bookingResources)
    .values({
      workspaceId: workspace.id,
      name: 'Consultant Dewi',
      capacity: options.capacity ?? 1,
      bufferMinutes: options.bufferMinutes ?? 0,
      slotMinutes: 60,
      leadTimeMinutes: 60,
      // Today (Thursday, no hours) and Friday: one day of slots.
      horizonDays: 2,
    })
    .returning();
  // Friday 09:00–17:00: eight one-hour slots.
  await db
    .insert(bookingAvailability)
    .values({ workspaceId: workspace.id, resourceId: resource!.id, weekday: 5, startTime: '09:00', endTime: '17:00' });
  const rows = await db
    .insert(contacts)
    .values(
      Array.from({ length: options.contacts }, (_, i) => ({
        workspaceId: workspace.id,
        phone: `+6281200${String(i).padStart(5, '0')}`,
        name: `Customer ${i + 1}`,
      })),
    )
    .returning({ id: contacts.id });
  return { workspaceId: workspace.id, resourceId: resource!.id, contactIds: rows.map((r) => r.id) };
}
