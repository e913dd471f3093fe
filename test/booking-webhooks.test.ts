/**
 * The team's signed booking webhooks, on PGlite and PostgreSQL, through a real service with its
 * workers: a booking made, moved and cancelled with bookingEffects(ctx) arrives as
 * booking.created, booking.rescheduled (with the previous time) and booking.cancelled, each
 * signed the Standard Webhooks way; a booking that lost its race (rolled back) sends nothing.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking, BookingOutcome } from '../src/booking/booking.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { rescheduleBooking } from '../src/booking/reschedule-booking.js';
import { BOOKING_NOW, createBookingFixture, fridayAt } from './support/booking-fixture.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';

const SECRET_KEY = Buffer.from('booking-notify-secret-for-tests');
const NOTIFY_SECRET = `whsec_${SECRET_KEY.toString('base64')}`;

interface Delivery {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; data: any };
}

function booked(outcome: BookingOutcome): Booking {
  if (outcome.status !== 'booked') throw new Error(`expected a booking, got ${outcome.status}`);
  return outcome.booking;
}

describe.each(ENGINES)('booking webhooks on %s', (engine) => {
  let service: TestService;
  let server: http.Server;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    service = await startTestService(
      {
        ARI_NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ari`,
        ARI_NOTIFY_WEBHOOK_SECRET: NOTIFY_SECRET,
      },
      engine,
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the secret's key. */
  function expectSigned(delivery: Delivery): void {
    const id = delivery.headers['webhook-id'] as string;
    const timestamp = delivery.headers['webhook-timestamp'] as string;
    expect(id).toBe(delivery.body.id);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(600);
    const expected = crypto
      .createHmac('sha256', SECRET_KEY)
      .update(`${id}.${timestamp}.${delivery.raw}`)
      .digest('base64');
    expect(delivery.headers['webhook-signature']).toBe(`v1,${expected}`);
  }

  it('announces a booking made, moved and cancelled, signed; a booking that lost its race sends nothing', async () => {
    const { db } = service.ctx.database;
    const fixture = await createBookingFixture(db, `hooks-${engine}`, { contacts: 2 });
    const effects = bookingEffects(service.ctx);
    const options = { now: BOOKING_NOW, effects };
    const { workspaceId, resourceId, contactIds } = fixture;
    const ofWorkspace = () => deliveries.filter((d) => d.body.data.workspace.id === workspaceId);

    const first = booked(
      await bookSlot(db, { workspaceId, resourceId, contactId: contactIds[0]!, startsAt: fridayAt('09:00') }, options),
    );
    // The second customer wants the same hour: taken, rolled back, nothing announced.
    const lost = await bookSlot(
      db,
      { workspaceId, resourceId, contactId: contactIds[1]!, startsAt: fridayAt('09:00') },
      options,
    );
    expect(lost.status).toBe('taken');
    const moved = booked(
      await rescheduleBooking(db, { workspaceId, bookingId: first.id, startsAt: fridayAt('14:00') }, options),
    );
    // A move to a taken time rolls back as a whole: nothing announced either.
    const other = booked(
      await bookSlot(db, { workspaceId, resourceId, contactId: contactIds[1]!, startsAt: fridayAt('11:00') }, options),
    );
    expect(
      (await rescheduleBooking(db, { workspaceId, bookingId: other.id, startsAt: fridayAt('14:00') }, options)).status,
    ).toBe('taken');
    await cancelBooking(db, { workspaceId, bookingId: moved.id }, { effects });

    await eventually(() => ofWorkspace().length >= 4, 20_000, 'four booking webhooks');
    await waitForIdleQueues(service.ctx.database, { queues: ['notify'] });
    const received = ofWorkspace();
    expect(received.map((d) => `${d.body.type} ${d.body.data.booking.id}`).sort()).toEqual(
      [
        `booking.created ${first.id}`,
        `booking.created ${other.id}`,
        `booking.rescheduled ${moved.id}`,
        `booking.cancelled ${moved.id}`,
      ].sort(),
    );
    for (const delivery of received) expectSigned(delivery);

    const byType = (type: string, id: string) =>
      received.find((d) => d.body.type === type && d.body.data.booking.id === id)!.body;
    expect(byType('booking.created', first.id)).toMatchObject({
      type: 'booking.created',
      data: {
        workspace: { id: workspaceId, slug: `hooks-${engine}`, timezone: 'Asia/Jakarta' },
        booking: {
          id: first.id,
          status: 'booked',
          startsAt: '2026-11-27T02:00:00.000Z',
          endsAt: '2026-11-27T03:00:00.000Z',
          resource: { id: resourceId, name: 'Consultant Dewi', location: '' },
        },
        contact: { id: contactIds[0], phone: '+628120000000', name: 'Customer 1' },
      },
    });
    expect(byType('booking.rescheduled', moved.id).data).toMatchObject({
      booking: { id: moved.id, status: 'booked', startsAt: '2026-11-27T07:00:00.000Z' },
      previous: { id: first.id, startsAt: '2026-11-27T02:00:00.000Z', endsAt: '2026-11-27T03:00:00.000Z' },
    });
    expect(byType('booking.cancelled', moved.id).data.booking).toMatchObject({
      id: moved.id,
      status: 'cancelled',
      startsAt: '2026-11-27T07:00:00.000Z',
    });
    // Every delivery has its own id (a receiver deduplicates retries by it).
    expect(new Set(received.map((d) => d.body.id)).size).toBe(4);
  });
});
