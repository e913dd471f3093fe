/**
 * Bookings and what customers book: the calendar (list, book, move, cancel, mark), each
 * resource's setup (rules, weekly hours, days off) and its free slots. Every booking change
 * runs the booking effects (the team's webhook, reminders) in its own transaction.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { bookSlot } from '../booking/book-slot.js';
import type { Slot, WeeklyWindow } from '../booking/slot.js';
import type { BookingOutcome } from '../booking/booking.js';
import { bookingEffects } from '../booking/booking-effects.js';
import { addDaysOff } from '../booking/add-days-off.js';
import { cancelBooking } from '../booking/cancel-booking.js';
import { createBookingResource } from '../booking/create-booking-resource.js';
import { freeSlots } from '../booking/free-slots.js';
import { getBooking } from '../booking/get-booking.js';
import { listBookingResources, type ListedBookingResource } from '../booking/list-booking-resources.js';
import { type ListedBooking, listBookings, type listBookingsInput } from '../booking/list-bookings.js';
import { markBookingOutcome } from '../booking/mark-booking-outcome.js';
import { removeDaysOff } from '../booking/remove-days-off.js';
import { rescheduleBooking } from '../booking/reschedule-booking.js';
import {
  type CreateResourceInput,
  type DaysOffInput,
  type UpdateResourceInput,
  weeklyAvailabilityInput,
} from '../booking/resource-input.js';
import { setWeeklyAvailability } from '../booking/set-weekly-availability.js';
import { updateBookingResource } from '../booking/update-booking-resource.js';
import type { ServiceContext } from '../context/service-context.js';
import { parseDocument, parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { workspaceOf, type SlugParams } from './authenticate.js';

type ResourceParams = { Params: { slug: string; id: string } };
type DaysOffParams = { Params: { slug: string; id: string; dayOffId: string } };

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset (2026-11-27T14:00:00+07:00)' })
  .transform((value) => new Date(value));

const slotsQuery = z.strictObject({
  /** The first slot starts then or later (default: now). */
  from: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const newBookingInput = z.strictObject({
  resourceId: z.uuid(),
  contactId: z.uuid(),
  startsAt: instant,
  /** The contact's own; default: the contact's conversation in this workspace, if there is one (reminders go there). */
  conversationId: z.uuid().optional(),
});

const moveInput = z.strictObject({ startsAt: instant });
const statusInput = z.strictObject({ status: z.enum(['cancelled', 'attended', 'no_show']) });

export function registerBookingRoutes(api: FastifyInstance, ctx: ServiceContext): void {
  const { db } = ctx.database;
  const effects = bookingEffects(ctx);
  const changed = (workspaceId: string) => ctx.events.publish(workspaceId, { type: 'bookings.changed' });
  const resourceOf = async (workspaceId: string, resourceId: string): Promise<ListedBookingResource> => {
    const [resource] = await listBookingResources(db, workspaceId, resourceId);
    if (!resource) throw new UserError(`no booking resource ${resourceId} in this workspace`, 'not_found');
    return resource;
  };

  api.get<SlugParams>('/workspaces/:slug/booking-resources', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    return { resources: await listBookingResources(db, workspace.id) };
  });

  /** The resource's fields (resource-input.ts) and, optionally, its `weekly` hours: both checked before anything is stored. */
  api.post<SlugParams>('/workspaces/:slug/booking-resources', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    const { weekly, ...fields } = bodyOf(request.body);
    const windows = weekly === undefined ? [] : parseDocument(weeklyAvailabilityInput, weekly, 'weekly');
    const created = await createBookingResource(db, workspace.id, fields as CreateResourceInput);
    if (windows.length > 0) await setWeeklyAvailability(db, workspace.id, created.id, windows);
    changed(workspace.id);
    return reply.code(201).send({ resource: await resourceOf(workspace.id, created.id) });
  });

  api.patch<ResourceParams>('/workspaces/:slug/booking-resources/:id', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    await updateBookingResource(db, workspace.id, request.params.id, bodyOf(request.body) as UpdateResourceInput);
    changed(workspace.id);
    return { resource: await resourceOf(workspace.id, request.params.id) };
  });

  /** Replaces the weekly hours as a whole: `{ weekly: [{ weekday, startTime, endTime }] }`. */
  api.put<ResourceParams>('/workspaces/:slug/booking-resources/:id/weekly', async (request) => {
    const workspace = await workspaceOf(ctx, request);
    const body = parseInput(z.strictObject({ weekly: z.array(z.unknown()) }), request.body ?? {});
    await setWeeklyAvailability(db, workspace.id, request.params.id, body.weekly as WeeklyWindow[]);
    changed(workspace.id);
    return { resource: await resourceOf(workspace.id, request.params.id) };
  });

  api.post<ResourceParams>('/workspaces/:slug/booking-resources/:id/days-off', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    const row = await addDaysOff(db, workspace.id, request.params.id, bodyOf(request.body) as DaysOffInput);
    changed(workspace.id);
    const { id, startsOn, endsOn, reason } = row;
    return reply.code(201).send({ dayOff: { id, startsOn, endsOn, reason } });
  });

  api.delete<DaysOffParams>('/workspaces/:slug/booking-resources/:id/days-off/:dayOffId', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    await removeDaysOff(db, workspace.id, request.params.id, request.params.dayOffId);
    changed(workspace.id);
    return reply.code(204).send();
  });

  /** Free slots from `from` (default now), soonest first: what staff pick from to book or move. */
  api.get<ResourceParams & { Querystring: unknown }>(
    '/workspaces/:slug/booking-resources/:id/slots',
    async (request) => {
      const workspace = await workspaceOf(ctx, request);
      const query = parseInput(slotsQuery, request.query ?? {});
      const slots = await freeSlots(db, workspace.id, request.params.id, new Date(), query.limit, query.from);
      return { slots: slots.map(slotJson) };
    },
  );

  api.get<SlugParams & { Querystring: z.input<typeof listBookingsInput> }>(
    '/workspaces/:slug/bookings',
    async (request) => {
      const workspace = await workspaceOf(ctx, request);
      const query = request.query ?? {};
      // Said plainly: a missing bound would otherwise read as an "Invalid Date".
      if (!query.from || !query.to) throw new UserError('from and to are required: ISO 8601 date-times, to after from');
      return { bookings: (await listBookings(db, workspace.id, query)).map(bookingJson) };
    },
  );

  /** 201 `{ booking }`, or 409 `{ error, alternatives }` when another booking got the time first. */
  api.post<SlugParams>('/workspaces/:slug/bookings', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    const input = parseInput(newBookingInput, request.body ?? {});
    // bookSlot checks the conversation is the contact's own (else 404) and finds it when none is named.
    const outcome = await bookSlot(db, { ...input, workspaceId: workspace.id }, { effects });
    return answer(reply, workspace.id, outcome, 201);
  });

  /**
   * `{ startsAt }` moves the booking (the answer is the new booking, which records
   * rescheduledFrom; 409 with alternatives when the time is taken), `{ status: 'cancelled' }`
   * cancels it, `{ status: 'attended' | 'no_show' }` records how it went.
   */
  api.patch<ResourceParams>('/workspaces/:slug/bookings/:id', async (request, reply) => {
    const workspace = await workspaceOf(ctx, request);
    const body = bodyOf(request.body);
    const bookingId = request.params.id;
    if ('startsAt' in body) {
      const { startsAt } = parseInput(moveInput, body);
      const outcome = await rescheduleBooking(db, { workspaceId: workspace.id, bookingId, startsAt }, { effects });
      return answer(reply, workspace.id, outcome, 200);
    }
    if (!('status' in body)) throw new UserError('send { startsAt } to move the booking, or { status }');
    const { status } = parseInput(statusInput, body);
    if (status === 'cancelled') await cancelBooking(db, { workspaceId: workspace.id, bookingId }, { effects });
    else await markBookingOutcome(db, { workspaceId: workspace.id, bookingId, status });
    changed(workspace.id);
    return { booking: bookingJson(await getBooking(db, workspace.id, bookingId)) };
  });

  async function answer(reply: FastifyReply, workspaceId: string, outcome: BookingOutcome, status: number) {
    if (outcome.status === 'taken') {
      return reply.code(409).send({
        error: 'that time was just taken; these are the next free slots',
        alternatives: outcome.alternatives.map(slotJson),
      });
    }
    changed(workspaceId);
    return reply.code(status).send({ booking: bookingJson(await getBooking(db, workspaceId, outcome.booking.id)) });
  }
}

/** A JSON object body (a missing body is empty); anything else is a 400, not a 500. */
function bodyOf(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new UserError('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function slotJson(slot: Slot) {
  return { startsAt: slot.startsAt, endsAt: slot.endsAt, label: slot.label, seatsLeft: slot.seatsLeft };
}

function bookingJson(b: ListedBooking) {
  return {
    id: b.id,
    resourceId: b.resourceId,
    resourceName: b.resourceName,
    contact: { id: b.contactId, name: b.contactName, phone: b.contactPhone, username: b.contactUsername ?? null },
    conversationId: b.conversationId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    rescheduledFrom: b.rescheduledFrom,
    createdAt: b.createdAt,
  };
}
