/**
 * What `ari booking …` does, as operations of the control contract (operations.ts): resources
 * and people are named the way staff type them (a resource's name, a contact's phone), times
 * are read in the workspace's zone. Every change goes through the same functions as the chat,
 * the API and the console, with the same effects (the team's booking.* webhook), queued in the
 * change's transaction and sent by the workers of `ari serve`.
 */
import { z } from 'zod';
import { addDaysOff } from '../booking/add-days-off.js';
import { bookSlot } from '../booking/book-slot.js';
import { bookingEffects } from '../booking/booking-effects.js';
import { bookingFeedUrl } from '../booking/booking-feed-url.js';
import { cancelBooking } from '../booking/cancel-booking.js';
import { createBookingResource } from '../booking/create-booking-resource.js';
import { findBookingResource } from '../booking/find-booking-resource.js';
import { getBooking } from '../booking/get-booking.js';
import { listBookingResources } from '../booking/list-booking-resources.js';
import { listBookings } from '../booking/list-bookings.js';
import { markBookingOutcome } from '../booking/mark-booking-outcome.js';
import { removeDaysOff } from '../booking/remove-days-off.js';
import { rescheduleBooking } from '../booking/reschedule-booking.js';
import { rotateBookingFeed } from '../booking/rotate-booking-feed.js';
import { setWeeklyAvailability } from '../booking/set-weekly-availability.js';
import { updateBookingResource } from '../booking/update-booking-resource.js';
import { formatWeeklyHours, parseWeeklyHours } from '../booking/weekly-hours-text.js';
import { localTimeOf } from '../booking/slot-at.js';
import { findContact } from '../contacts/find-contact.js';
import type { ServiceContext } from '../context/service-context.js';
import { addDays, zonedParts, zonedToUtc } from '../core/local-time.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { BOOKING_STATUSES } from '../core/vocabulary.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { slugSchema } from '../workspaces/workspace-input.js';
import { readNewResourceFlags, readResourceChangeFlags, resourceFlagsInput } from './read-resource-flags.js';

const localDay = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
/** Days listed when no --to is given. */
const LIST_DAYS = 14;

const resourceRef = z.string().trim().min(1, 'name a resource (its name or id)');
const hoursInput = z.strictObject({ slug: slugSchema, resource: resourceRef, set: z.string().optional() });
const listInput = z.strictObject({
  slug: slugSchema,
  from: localDay.optional(),
  to: localDay.optional(),
  resource: resourceRef.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
});
const bookInput = z.strictObject({
  slug: slugSchema,
  resource: resourceRef,
  contact: z.string().trim().min(1, 'name a contact (phone, @username or id)'),
  when: z.string().trim().min(1, 'say when, e.g. "2026-11-27 14:00"'),
});
const cancelInput = z.strictObject({ slug: slugSchema, id: z.uuid({ error: 'a booking id is a UUID' }) });
const feedInput = z.strictObject({ slug: slugSchema, resource: resourceRef });
const resourceAddInput = resourceFlagsInput.extend({ slug: slugSchema });
const resourceUpdateInput = resourceFlagsInput.extend({ slug: slugSchema, resource: resourceRef });
const daysOffInput = z.strictObject({
  slug: slugSchema,
  resource: resourceRef,
  add: z.string().optional(),
  reason: z.string().trim().max(500).optional(),
  remove: z.uuid({ error: 'a days-off id is a UUID (ari booking days-off <resource> lists them)' }).optional(),
});
const moveInput = z.strictObject({
  slug: slugSchema,
  id: z.uuid({ error: 'a booking id is a UUID' }),
  when: z.string().trim().min(1, 'say when, e.g. "2026-11-27 14:00"'),
});
const markInput = z.strictObject({
  slug: slugSchema,
  id: z.uuid({ error: 'a booking id is a UUID' }),
  outcome: z.enum(['attended', 'no_show'], { error: 'say attended or no_show' }),
});

export const bookingOperations = {
  'booking.resources': async (ctx: ServiceContext, input: { slug: string }) => {
    const workspace = await getWorkspaceBySlug(ctx.database.db, parseInput(z.object({ slug: slugSchema }), input).slug);
    const resources = await listBookingResources(ctx.database.db, workspace.id);
    return resources.map((resource) => ({ ...resource, hours: formatWeeklyHours(resource.weekly) }));
  },

  /** Shows a resource's weekly hours; with `set`, replaces them first ("mon-fri 09:00-17:00"). */
  'booking.hours': async (ctx: ServiceContext, input: z.input<typeof hoursInput>) => {
    const values = parseInput(hoursInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const resource = await findBookingResource(ctx.database.db, workspace.id, values.resource);
    if (values.set !== undefined) {
      await setWeeklyAvailability(ctx.database.db, workspace.id, resource.id, parseWeeklyHours(values.set));
      changed(ctx, workspace.id);
    }
    const [listed] = (await listBookingResources(ctx.database.db, workspace.id)).filter((r) => r.id === resource.id);
    return {
      resource: { id: resource.id, name: resource.name },
      timezone: workspace.timezone,
      weekly: listed!.weekly,
      hours: formatWeeklyHours(listed!.weekly),
    };
  },

  /** Bookings starting on local days from … to (both included; default today and the next 13 days). */
  'booking.list': async (ctx: ServiceContext, input: z.input<typeof listInput>) => {
    const values = parseInput(listInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const tz = workspace.timezone;
    const from = values.from ?? zonedParts(new Date(), tz).date;
    const to = values.to ?? addDays(from, LIST_DAYS - 1);
    if (to < from) throw new UserError('--to must not be before --from');
    const resource = values.resource
      ? await findBookingResource(ctx.database.db, workspace.id, values.resource)
      : undefined;
    const listed = await listBookings(ctx.database.db, workspace.id, {
      from: zonedToUtc(from, '00:00', tz),
      to: zonedToUtc(addDays(to, 1), '00:00', tz),
      resourceId: resource?.id,
      status: values.status,
    });
    return {
      timezone: tz,
      from,
      to,
      bookings: listed.map((booking) => ({ ...booking, label: localTimeOf(booking.startsAt, tz).label })),
    };
  },

  /** Books a slot for a contact; a taken (or not offered) time says so, with the next free slots. */
  'booking.book': async (ctx: ServiceContext, input: z.input<typeof bookInput>) => {
    const values = parseInput(bookInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const resource = await findBookingResource(ctx.database.db, workspace.id, values.resource);
    const contact = await findContact(ctx.database.db, workspace.id, values.contact);
    const outcome = await bookSlot(
      ctx.database.db,
      {
        workspaceId: workspace.id,
        resourceId: resource.id,
        contactId: contact.id,
        startsAt: readWhen(values.when, workspace.timezone),
      },
      { effects: bookingEffects(ctx) },
    );
    if (outcome.status === 'taken') return { status: 'taken' as const, alternatives: outcome.alternatives };
    changed(ctx, workspace.id);
    const { booking } = outcome;
    return {
      status: 'booked' as const,
      booking: {
        ...booking,
        label: localTimeOf(booking.startsAt, workspace.timezone).label,
        resourceName: resource.name,
      },
    };
  },

  'booking.cancel': async (ctx: ServiceContext, input: z.input<typeof cancelInput>) => {
    const values = parseInput(cancelInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const booking = await cancelBooking(
      ctx.database.db,
      { workspaceId: workspace.id, bookingId: values.id },
      { effects: bookingEffects(ctx) },
    );
    changed(ctx, workspace.id);
    return { ...booking, label: localTimeOf(booking.startsAt, workspace.timezone).label };
  },

  /** A new consultant or room (defaults for what is not given); it offers no slots until it has hours. */
  'booking.resource.add': async (ctx: ServiceContext, input: z.input<typeof resourceAddInput>) => {
    const { slug, ...flags } = parseInput(resourceAddInput, input);
    const fields = readNewResourceFlags(flags);
    const workspace = await getWorkspaceBySlug(ctx.database.db, slug);
    const created = await createBookingResource(ctx.database.db, workspace.id, fields);
    changed(ctx, workspace.id);
    return listedResource(ctx, workspace.id, created.id);
  },

  /** Changes the given fields of a resource; bookings already made keep their times. */
  'booking.resource.update': async (ctx: ServiceContext, input: z.input<typeof resourceUpdateInput>) => {
    const { slug, resource: ref, ...flags } = parseInput(resourceUpdateInput, input);
    const fields = readResourceChangeFlags(flags);
    const workspace = await getWorkspaceBySlug(ctx.database.db, slug);
    const resource = await findBookingResource(ctx.database.db, workspace.id, ref);
    await updateBookingResource(ctx.database.db, workspace.id, resource.id, fields);
    changed(ctx, workspace.id);
    return listedResource(ctx, workspace.id, resource.id);
  },

  /**
   * A resource's days off; `add` ("YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD", with its `reason`)
   * and `remove` (an id) change them first. Both are checked before either is done.
   */
  'booking.days-off': async (ctx: ServiceContext, input: z.input<typeof daysOffInput>) => {
    const values = parseInput(daysOffInput, input);
    if (values.reason !== undefined && values.add === undefined) throw new UserError('--reason goes with --add');
    const adding = values.add === undefined ? undefined : readDayRange(values.add);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const resource = await findBookingResource(ctx.database.db, workspace.id, values.resource);
    if (values.remove) await removeDaysOff(ctx.database.db, workspace.id, resource.id, values.remove);
    const added = adding
      ? await addDaysOff(ctx.database.db, workspace.id, resource.id, { ...adding, reason: values.reason ?? '' })
      : undefined;
    if (adding || values.remove) changed(ctx, workspace.id);
    const listed = await listedResource(ctx, workspace.id, resource.id);
    return {
      resource: { id: resource.id, name: resource.name },
      added: added ? { id: added.id, startsOn: added.startsOn, endsOn: added.endsOn, reason: added.reason } : null,
      removed: values.remove ?? null,
      daysOff: listed.daysOff,
    };
  },

  /** Moves a booking to another slot of its resource; a taken time says so, with the next free slots. */
  'booking.move': async (ctx: ServiceContext, input: z.input<typeof moveInput>) => {
    const values = parseInput(moveInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const tz = workspace.timezone;
    const startsAt = readWhen(values.when, tz);
    const old = await getBooking(ctx.database.db, workspace.id, values.id);
    const outcome = await rescheduleBooking(
      ctx.database.db,
      { workspaceId: workspace.id, bookingId: old.id, startsAt },
      { effects: bookingEffects(ctx) },
    );
    if (outcome.status === 'taken') return { status: 'taken' as const, alternatives: outcome.alternatives };
    changed(ctx, workspace.id);
    const moved = await getBooking(ctx.database.db, workspace.id, outcome.booking.id);
    return {
      status: 'booked' as const,
      booking: { ...moved, label: localTimeOf(moved.startsAt, tz).label },
      previous: { id: old.id, label: localTimeOf(old.startsAt, tz).label },
    };
  },

  /** Records how a booking went once its time has come: attended or no_show. */
  'booking.mark': async (ctx: ServiceContext, input: z.input<typeof markInput>) => {
    const values = parseInput(markInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    await markBookingOutcome(ctx.database.db, {
      workspaceId: workspace.id,
      bookingId: values.id,
      status: values.outcome,
    });
    changed(ctx, workspace.id);
    const marked = await getBooking(ctx.database.db, workspace.id, values.id);
    return { ...marked, label: localTimeOf(marked.startsAt, workspace.timezone).label };
  },

  /** A new secret URL for the resource's calendar feed; the previous URL stops working. */
  'booking.feed': async (ctx: ServiceContext, input: z.input<typeof feedInput>) => {
    const values = parseInput(feedInput, input);
    const workspace = await getWorkspaceBySlug(ctx.database.db, values.slug);
    const resource = await findBookingResource(ctx.database.db, workspace.id, values.resource);
    const { token } = await rotateBookingFeed(ctx.database.db, workspace.id, resource.id);
    return { resource: { id: resource.id, name: resource.name }, url: bookingFeedUrl(baseUrl(ctx), token) };
  },
};

/** The resource as `ari booking resources` lists it, with its hours in words. */
async function listedResource(ctx: ServiceContext, workspaceId: string, resourceId: string) {
  const [resource] = await listBookingResources(ctx.database.db, workspaceId, resourceId);
  return { ...resource!, hours: formatWeeklyHours(resource!.weekly) };
}

/** Open consoles reload their calendars, as after the API's changes. */
function changed(ctx: ServiceContext, workspaceId: string): void {
  ctx.events.publish(workspaceId, { type: 'bookings.changed' });
}

/** "2026-12-24" (one day) or "2026-12-24..2026-12-26" (both included). */
function readDayRange(text: string): { startsOn: string; endsOn: string } {
  const [startsOn, endsOn = startsOn, extra] = text.trim().split('..');
  if (extra !== undefined || !localDay.safeParse(startsOn).success || !localDay.safeParse(endsOn).success)
    throw new UserError(`--add "${text}": write a day YYYY-MM-DD, or days YYYY-MM-DD..YYYY-MM-DD`);
  if (endsOn! < startsOn!) throw new UserError(`--add "${text}": the last day is before the first`);
  return { startsOn: startsOn!, endsOn: endsOn! };
}

/**
 * A time as staff type it: local "YYYY-MM-DD HH:MM" (or with a T) in the workspace's zone,
 * or an instant with its offset ("2026-11-27T07:00:00Z", "…+07:00").
 */
function readWhen(text: string, timezone: string): Date {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(text);
  if (local && localDay.safeParse(local[1]).success && Number(local[2]) < 24 && Number(local[3]) < 60)
    return zonedToUtc(local[1]!, `${local[2]}:${local[3]}`, timezone);
  if (z.iso.datetime({ offset: true }).safeParse(text).success) return new Date(text);
  throw new UserError(`"${text}" is not a time: write "YYYY-MM-DD HH:MM" (the workspace's zone) or an ISO instant`);
}

/** Where people reach this ARI: ARI_PUBLIC_URL, else this machine's port (fine for a calendar on the same network). */
function baseUrl(ctx: ServiceContext): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl;
  const host = ['0.0.0.0', '::', ''].includes(ctx.config.host) ? 'localhost' : ctx.config.host;
  return `http://${host}:${ctx.config.port}`;
}
