import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { BOOKING_STATUSES } from '../core/vocabulary.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources, bookings, contacts } from '../db/schema.js';
import type { Booking } from './booking.js';

const MAX_DAYS = 92;

/**
 * An instant: a Date, or an ISO 8601 date-time WITH its offset. "2026-11-27T00:00" alone would
 * mean the server's own time zone, so it is refused rather than guessed.
 */
const instant = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset (2026-11-27T00:00:00+07:00)' })
    .transform((value) => new Date(value)),
);

export const listBookingsInput = z
  .strictObject({
    from: instant,
    to: instant,
    resourceId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    status: z.enum(BOOKING_STATUSES).optional(),
  })
  // Zod runs these even when a bound was refused (still a string then): only two read instants are compared.
  .refine((q) => !bothRead(q) || q.to > q.from, { error: 'to must be after from', path: ['to'] })
  .refine((q) => !bothRead(q) || q.to.getTime() - q.from.getTime() <= MAX_DAYS * 86_400_000, {
    error: `from and to may be at most ${MAX_DAYS} days apart`,
    path: ['to'],
  });

function bothRead(q: { from: unknown; to: unknown }): boolean {
  return q.from instanceof Date && q.to instanceof Date;
}

export interface ListedBooking extends Booking {
  resourceName: string;
  contactName: string | null;
  contactPhone: string | null;
  /** The WhatsApp username of a contact known without a phone (optional: older callers build these by hand). */
  contactUsername?: string | null;
}

/** A calendar's bookings: those starting in [from, to), soonest first, with who and with what. */
export async function listBookings(
  db: AriDatabase,
  workspaceId: string,
  input: z.input<typeof listBookingsInput>,
): Promise<ListedBooking[]> {
  const q = parseInput(listBookingsInput, input);
  const conditions: SQL[] = [gte(bookings.startsAt, q.from), lt(bookings.startsAt, q.to)];
  if (q.resourceId) conditions.push(eq(bookings.resourceId, q.resourceId));
  if (q.contactId) conditions.push(eq(bookings.contactId, q.contactId));
  if (q.status) conditions.push(eq(bookings.status, q.status));
  return selectListedBookings(db, workspaceId, conditions);
}

/** The workspace's bookings that meet `conditions`, soonest first, with their resource's and contact's names. */
export async function selectListedBookings(
  db: AriDatabase,
  workspaceId: string,
  conditions: SQL[],
): Promise<ListedBooking[]> {
  const rows = await db
    .select({
      booking: bookings,
      resourceName: bookingResources.name,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      contactUsername: contacts.username,
    })
    .from(bookings)
    .innerJoin(
      bookingResources,
      and(eq(bookingResources.workspaceId, bookings.workspaceId), eq(bookingResources.id, bookings.resourceId)),
    )
    .innerJoin(contacts, and(eq(contacts.workspaceId, bookings.workspaceId), eq(contacts.id, bookings.contactId)))
    .where(and(eq(bookings.workspaceId, workspaceId), ...conditions))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
  return rows.map((r) => ({
    ...r.booking,
    resourceName: r.resourceName,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    contactUsername: r.contactUsername,
  }));
}
